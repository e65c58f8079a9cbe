//! The emulator's time. Everything that depends on time — review windows, token lifetimes, upload
//! URL expiry, rate-limit buckets — reads this clock, so tests and the demo can set, freeze and
//! advance it (the admin API's /_sandbox/clock) instead of waiting days for a review window.
use std::time::Instant;
use time::{Duration, OffsetDateTime};

#[derive(Debug, Clone)]
pub struct Clock {
    base: OffsetDateTime,
    /// When `base` was read; `None` while the clock is frozen.
    since: Option<Instant>,
}

impl Clock {
    /// Runs from `start` at the speed of real time.
    pub fn running_from(start: OffsetDateTime) -> Self {
        Clock { base: start, since: Some(Instant::now()) }
    }

    pub fn now(&self) -> OffsetDateTime {
        match self.since {
            Some(since) => self.base + since.elapsed(),
            None => self.base,
        }
    }

    pub fn is_frozen(&self) -> bool {
        self.since.is_none()
    }

    /// Jumps to `at`, keeping the clock frozen or running as it was.
    pub fn set(&mut self, at: OffsetDateTime) {
        self.base = at;
        if self.since.is_some() {
            self.since = Some(Instant::now());
        }
    }

    pub fn advance(&mut self, by: Duration) {
        self.base += by;
    }

    pub fn freeze(&mut self, frozen: bool) {
        let now = self.now();
        self.base = now;
        self.since = if frozen { None } else { Some(Instant::now()) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn frozen_clock_moves_only_when_told() {
        let mut c = Clock::running_from(datetime!(2026-11-01 12:00 UTC));
        c.freeze(true);
        let t = c.now();
        std::thread::sleep(std::time::Duration::from_millis(5));
        assert_eq!(c.now(), t);
        c.advance(Duration::days(6));
        assert_eq!(c.now(), t + Duration::days(6));
        c.set(datetime!(2027-01-01 0:00 UTC));
        assert_eq!(c.now(), datetime!(2027-01-01 0:00 UTC));
        c.freeze(false);
        assert!(!c.is_frozen() && c.now() >= datetime!(2027-01-01 0:00 UTC));
    }
}
