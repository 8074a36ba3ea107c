//! A fixed number of slots (open connections, open reload streams): a slot is taken when a
//! connection starts and given back when its guard is dropped, even if the handler panics, so
//! the count cannot drift and the number of connection threads stays bounded.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A counter with a ceiling.
#[derive(Debug)]
pub struct Slots {
    used: AtomicUsize,
    max: usize,
}

/// One taken slot; dropping it gives it back.
#[derive(Debug)]
pub struct Slot(Arc<Slots>);

impl Slots {
    /// `max` slots, all free.
    pub fn new(max: usize) -> Arc<Slots> {
        Arc::new(Slots {
            used: AtomicUsize::new(0),
            max,
        })
    }

    /// A slot, or `None` when all are taken.
    pub fn take(self: &Arc<Self>) -> Option<Slot> {
        self.used
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < self.max).then_some(n + 1)
            })
            .ok()
            .map(|_| Slot(self.clone()))
    }

    /// Slots taken now.
    #[cfg(test)]
    fn used(&self) -> usize {
        self.used.load(Ordering::Acquire)
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.used.fetch_sub(1, Ordering::AcqRel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_run_out_and_come_back() {
        let slots = Slots::new(2);
        let a = slots.take().unwrap();
        let _b = slots.take().unwrap();
        assert!(slots.take().is_none());
        drop(a);
        assert_eq!(slots.used(), 1);
        assert!(slots.take().is_some());
        let handle = {
            let slots = slots.clone();
            std::thread::spawn(move || {
                let _held = slots.take();
                panic!("a handler that panics");
            })
        };
        assert!(handle.join().is_err());
        assert_eq!(slots.used(), 1, "a panicking handler kept its slot");
    }
}
