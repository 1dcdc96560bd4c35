//! STAND-IN until the real codec lands (helper branch s9-codec): bincode
//! of the three bulk row vectors. Same API.

use bincode::Options as _;

use super::{interning_decoded, Dataset, PullRequest, Review, WorkItem};

fn format() -> impl bincode::Options {
    bincode::DefaultOptions::new().with_varint_encoding()
}

#[derive(Default)]
pub struct BatchEncoder;

impl BatchEncoder {
    pub fn new() -> BatchEncoder {
        BatchEncoder
    }

    pub fn encode(&mut self, staged: &mut Dataset) -> Vec<u8> {
        let rows = (std::mem::take(&mut staged.work_items), std::mem::take(&mut staged.pull_requests), std::mem::take(&mut staged.reviews));
        format().serialize(&rows).expect("rows serialise")
    }
}

#[derive(Default)]
pub struct BatchDecoder;

impl BatchDecoder {
    pub fn new() -> BatchDecoder {
        BatchDecoder
    }

    pub fn decode(&mut self, batch: &[u8], into: &mut Dataset) -> Result<(), String> {
        let (work_items, pull_requests, reviews): (Vec<WorkItem>, Vec<PullRequest>, Vec<Review>) =
            interning_decoded(|| format().deserialize(batch)).map_err(|e| e.to_string())?;
        into.work_items.extend(work_items);
        into.pull_requests.extend(pull_requests);
        into.reviews.extend(reviews);
        Ok(())
    }
}
