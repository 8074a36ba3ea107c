//! The reload channel: Server-Sent Events that tell open pages to reload or to show an error.

use std::sync::Mutex;
use std::sync::mpsc::{Receiver, Sender, channel};

/// Path of the event stream; reserved, never a site file.
pub const EVENTS_PATH: &str = "/__annales/events";

/// What the browser is told.
#[derive(Debug, Clone, PartialEq)]
pub enum Signal {
    /// Sent on connect: a page built from another version reloads at once.
    Hello {
        /// Current version.
        version: u64,
    },
    /// A new good build is served.
    Reload {
        /// Its version.
        version: u64,
    },
    /// The latest rebuild failed; the last good build is still served.
    Error {
        /// Version of the failed state.
        version: u64,
        /// What went wrong, with file and line.
        message: String,
    },
}

impl Signal {
    /// The Server-Sent Events frame.
    pub fn frame(&self) -> String {
        match self {
            Signal::Hello { version } => format!("event: hello\ndata: {version}\n\n"),
            Signal::Reload { version } => format!("event: reload\ndata: {version}\n\n"),
            // JSON keeps a multi-line message on one `data:` line.
            Signal::Error { version, message } => format!(
                "event: build-error\nid: {version}\ndata: {}\n\n",
                serde_json::Value::String(message.clone())
            ),
        }
    }
}

/// Fans signals out to every connected page.
#[derive(Debug, Default)]
pub struct Broadcaster {
    subscribers: Mutex<Vec<Sender<String>>>,
}

impl Broadcaster {
    /// A new subscription; it ends when the receiver is dropped.
    pub fn subscribe(&self) -> Receiver<String> {
        let (tx, rx) = channel();
        self.lock().push(tx);
        rx
    }

    /// Sends a signal to every live subscriber, forgetting the ones that went away.
    pub fn send(&self, signal: &Signal) {
        let frame = signal.frame();
        self.lock().retain(|tx| tx.send(frame.clone()).is_ok());
    }

    /// Number of live subscribers (as of the last send).
    pub fn subscribers(&self) -> usize {
        self.lock().len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Sender<String>>> {
        self.subscribers.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_message_stays_on_one_data_line() {
        let frame = Signal::Error {
            version: 3,
            message: "templates/a.html:2:5\n  expected `%}`".into(),
        }
        .frame();
        let data: Vec<&str> = frame.lines().filter(|l| l.starts_with("data:")).collect();
        assert_eq!(data.len(), 1);
        assert!(frame.ends_with("\n\n"));
        let json: String = serde_json::from_str(&data[0]["data: ".len()..]).unwrap();
        assert!(json.contains("expected `%}`"));
    }

    #[test]
    fn dropped_subscribers_are_forgotten() {
        let b = Broadcaster::default();
        let kept = b.subscribe();
        drop(b.subscribe());
        b.send(&Signal::Reload { version: 1 });
        assert_eq!(b.subscribers(), 1);
        assert_eq!(kept.recv().unwrap(), "event: reload\ndata: 1\n\n");
    }
}
