//! Who each name in the rows is, worked out once per distinct name.
//!
//! The tripwires that group by person ask the [`Index`] about the author
//! or reviewer of every pull request: half a million rows naming a few
//! thousand people, each question a trim, a string hash and a string
//! compare (a quarter of the tripwires' time at org2k). Ingest hands out
//! one shared allocation per distinct name ([`Name`]), so [`People`] keys
//! its answers by that allocation's address instead: one multiply and an
//! integer compare per row. The answers are the index's own, so the rules
//! (trimmed names, aliases, bots) stay defined in one place.
//!
//! Each person also gets a small number ([`Who::id`]), equal for two
//! names exactly when [`Index::canonical`] gives them the same name, so a
//! tripwire can count and group people in vectors rather than string maps.

use crate::dataset::{ByAddress, Index, Name, Person};
use crate::hashing::FastMap;

/// What the index says about one name.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Who<'a> {
    /// The person's number: equal for two names exactly when their
    /// [`Index::canonical`] names are equal.
    pub id: u32,
    /// [`Index::person`].
    pub person: Option<&'a Person>,
    /// [`Index::is_bot`].
    pub bot: bool,
}

impl<'a> Who<'a> {
    /// [`Index::team_of`].
    pub fn team(&self) -> Option<&'a str> {
        self.person.map(|p| p.team.as_str())
    }
}

/// The memo of [`Who`] answers over one index's dataset; see the module
/// overview.
pub(crate) struct People<'a> {
    index: &'a Index<'a>,
    /// By the address of a name's text (see [`ByAddress`]): every name
    /// asked about is borrowed for `'a`.
    by_allocation: ByAddress<'a, Who<'a>>,
    ids: FastMap<&'a str, u32>,
    /// Each id's canonical name.
    names: Vec<&'a str>,
}

impl<'a> People<'a> {
    pub fn new(index: &'a Index<'a>) -> People<'a> {
        People { index, by_allocation: ByAddress::default(), ids: FastMap::default(), names: Vec::new() }
    }

    /// Who `name` is.
    pub fn of(&mut self, name: &'a Name) -> Who<'a> {
        if let Some(who) = self.by_allocation.known(name) {
            return who;
        }
        let who = self.work_out(name);
        self.by_allocation.remember(name, who);
        who
    }

    fn work_out(&mut self, name: &'a str) -> Who<'a> {
        let id = self.id(self.index.canonical(name));
        Who { id, person: self.index.person(name), bot: self.index.is_bot(name) }
    }

    /// The id of a canonical name ([`Index::canonical`]): the one the
    /// names of that person have, or were to get.
    pub fn id(&mut self, canonical: &'a str) -> u32 {
        *self.ids.entry(canonical).or_insert_with(|| {
            self.names.push(canonical);
            (self.names.len() - 1) as u32
        })
    }

    /// The canonical name ([`Index::canonical`]) of an id handed out.
    pub fn name(&self, id: u32) -> &'a str {
        self.names[id as usize]
    }

}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Bots;
    use crate::testkit::Fixture;

    /// The same text in separate allocations (as two files' interners
    /// give it), in one shared allocation, trimmed, in another case, as
    /// an alias, as a bot and as nobody on the roster.
    fn awkward_names() -> Vec<Name> {
        [
            "Ana Reyes", " Ana Reyes ", "ana reyes", "areyes", "Ana Reyes <CORP\\areyes>", "@areyes", "Ben Okafor", "Ben Okafor  ",
            "dependabot[bot]", "app/renovate", "release-train", "Robert", "abbot", "Cy Unknown", " Cy Unknown", "", "  ", "Dora Pike",
            "Ana Reyes", "areyes", "Cy Unknown",
        ]
        .into_iter()
        .map(Name::from)
        .collect()
    }

    #[test]
    fn each_answer_is_the_index_s_own_and_ids_are_equal_exactly_for_one_canonical_name() {
        let mut fx = Fixture::new();
        fx.person("Ana Reyes", "Rockets", "Software Engineer").identities = vec!["areyes".into()];
        fx.person(" Ben Okafor", "Pipes", "SRE");
        fx.person("release-train", "Pipes", "Software Engineer");
        fx.person("Robert", "Rockets", "Software Engineer");
        let mut model = fx.model();
        model.bots = vec!["release-train".into()];
        model.identities.insert("Dora Pike".into(), "Robert".into());
        let index = Index::with_identities(&fx.ds, Bots::new(&model.bots), &model.identities);
        let names = awkward_names();
        let shared = names[0].clone();
        let asked: Vec<&Name> = names.iter().chain([&shared, &shared]).collect();
        let mut people = People::new(&index);
        let answers: Vec<Who> = asked.iter().map(|name| people.of(name)).collect();
        for (name, who) in asked.iter().zip(&answers) {
            assert_eq!(people.name(who.id), index.canonical(name), "{name:?}");
            assert_eq!(who.person.map(|p| p as *const Person), index.person(name).map(|p| p as *const Person), "{name:?}");
            assert_eq!(who.team(), index.team_of(name), "{name:?}");
            assert_eq!(who.bot, index.is_bot(name), "{name:?}");
            assert_eq!(people.id(index.canonical(name)), who.id, "{name:?}");
        }
        for (a, who_a) in asked.iter().zip(&answers) {
            for (b, who_b) in asked.iter().zip(&answers) {
                assert_eq!(who_a.id == who_b.id, index.same_person(a, b), "{a:?} and {b:?}");
            }
        }
        // Asked again, in another order, the answers hold.
        for (name, who) in asked.iter().zip(&answers).rev() {
            assert_eq!(people.of(name).id, who.id, "{name:?}");
        }
        assert!(answers[0].id == answers[3].id && answers[0].id == answers[4].id, "Ana Reyes under her login is one person");
        assert!(answers[8].bot && answers[9].bot && answers[10].bot && !answers[11].bot && !answers[12].bot);
    }
}
