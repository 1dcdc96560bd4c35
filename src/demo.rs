//! The seeded, deterministic demo organisation.
