//! Azure DevOps (Boards) query results exported to CSV.
//!
//! People appear as `Name <email>`; the value reader keeps the name. The
//! team is the last segment of `Area Path` (`Fabrikam\Web\Checkout` is
//! the Checkout team), which the work-item builder takes from any team
//! value, so this table only has to point at the column.

use super::super::fields::Field::*;
use super::{opt, req, Format};

pub static AZURE_DEVOPS: Format = Format {
    columns: &[
        req(Key, &["ID"]),
        req(ItemType, &["Work Item Type"]),
        req(Title, &["Title"]),
        opt(Assignee, &["Assigned To"]),
        opt(Status, &["State"]),
        opt(Labels, &["Tags"]),
        opt(Team, &["Area Path", "Node Name"]),
        opt(Sprint, &["Iteration Path"]),
        opt(Created, &["Created Date"]),
        opt(Started, &["Activated Date"]),
        opt(Resolved, &["Closed Date", "Resolved Date"]),
        opt(Estimate, &["Story Points", "Effort", "Size", "Microsoft.VSTS.Scheduling.StoryPoints"]),
    ],
    absent: &[],
    template: None,
};
