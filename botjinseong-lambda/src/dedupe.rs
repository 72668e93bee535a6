//! Slack redelivers an event it thinks was not acknowledged (with
//! `X-Slack-Retry-Num`), so the same event id can arrive more than once.
//!
//! Two locks keep it from being handled twice:
//!
//! - [`RecentEvents`], here: on one instance (the `serve` process, or one
//!   warm Lambda instance) an event id seen before is dropped at once.
//! - the 👀 reaction, in the handler: a retry can land on another Lambda
//!   instance, which has not seen it, so the real lock across instances is
//!   Slack itself: adding 👀 to the request message answers
//!   `already_reacted` to every attempt but the first, and only the first
//!   goes on. It also covers one message arriving as two events (a
//!   `message` and an `app_mention` have different event ids).
//!
//! Retries are not dropped just for being retries: the first delivery may
//! have died before it took the 👀 lock, and then the retry must do the
//! work.

use std::collections::{HashSet, VecDeque};
use std::sync::Mutex;

/// Remembers which event ids were seen.
pub trait Dedupe {
    /// Records `event_id` and says whether this is its first sight.
    fn first_time(&self, event_id: &str) -> bool;
}

/// The event ids seen lately on this instance, the oldest forgotten first
/// once `capacity` are held.
#[derive(Debug)]
pub struct RecentEvents {
    capacity: usize,
    seen: Mutex<Seen>,
}

#[derive(Debug, Default)]
struct Seen {
    ids: HashSet<String>,
    order: VecDeque<String>,
}

impl RecentEvents {
    /// Remembers up to `capacity` ids (at least one). Slack retries within
    /// minutes, so a few thousand cover any burst a class's channel has.
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity: capacity.max(1),
            seen: Mutex::new(Seen::default()),
        }
    }
}

impl Dedupe for RecentEvents {
    fn first_time(&self, event_id: &str) -> bool {
        // A panic elsewhere while holding the lock leaves the set usable.
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        if seen.ids.contains(event_id) {
            return false;
        }
        if seen.order.len() == self.capacity
            && let Some(oldest) = seen.order.pop_front()
        {
            seen.ids.remove(&oldest);
        }
        seen.ids.insert(event_id.to_owned());
        seen.order.push_back(event_id.to_owned());
        true
    }
}

/// The attempt number in `X-Slack-Retry-Num` (1 for the first retry), for
/// the log; `None` for a first delivery or an unreadable header.
pub fn retry_num(header: Option<&str>) -> Option<u32> {
    header?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_id_counts_once() {
        let recent = RecentEvents::new(10);
        assert!(recent.first_time("Ev1"));
        assert!(!recent.first_time("Ev1"));
        assert!(recent.first_time("Ev2"));
        assert!(!recent.first_time("Ev1"));
    }

    #[test]
    fn forgets_the_oldest_beyond_capacity() {
        let recent = RecentEvents::new(2);
        assert!(recent.first_time("Ev1"));
        assert!(recent.first_time("Ev2"));
        assert!(recent.first_time("Ev3"));
        assert!(!recent.first_time("Ev3"));
        assert!(!recent.first_time("Ev2"));
        assert!(recent.first_time("Ev1"), "Ev1 was the oldest, so forgotten");
        let zero = RecentEvents::new(0);
        assert!(zero.first_time("Ev1"));
        assert!(!zero.first_time("Ev1"));
    }

    #[test]
    fn is_shared_between_threads() {
        let recent = RecentEvents::new(100);
        let firsts: usize = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4)
                .map(|_| s.spawn(|| recent.first_time("Ev1") as usize))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).sum()
        });
        assert_eq!(firsts, 1);
    }

    #[test]
    fn reads_the_retry_number() {
        assert_eq!(retry_num(None), None);
        assert_eq!(retry_num(Some("1")), Some(1));
        assert_eq!(retry_num(Some(" 3 ")), Some(3));
        assert_eq!(retry_num(Some("x")), None);
    }
}
