//! The seeded, deterministic demo organisation. (Contract only.)
use chrono::NaiveDate;
pub enum DemoSize { Small, Medium, Org2k }
pub struct DemoFile { pub name: String, pub bytes: Vec<u8> }
pub fn generate(size: DemoSize, seed: u64, today: NaiveDate) -> Vec<DemoFile> { let _ = (size, seed, today); Vec::new() }
