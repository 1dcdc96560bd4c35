//! Jira Cloud "CSV (all fields)" and "CSV (current fields)", English and
//! Spanish.
//!
//! Jira repeats a column once per value (`Sprint`, `Labels`, `Comment`,
//! `Watchers`, `Log Work`, `Attachment`); list fields read every repeat. The team comes from a `Team` field
//! when the site has one, else from the project, which is how most teams
//! map to Jira. Story points live in whichever custom field the site uses,
//! so every common spelling is listed. Jira's `Start date` is a plan, not
//! when work started, so nothing feeds `started`.

use super::super::fields::Field::*;
use super::{opt, req, Format};
use crate::dataset::FileKind;

pub static JIRA: Format = Format {
    kind: FileKind::Jira,
    columns: &[
        req(Key, &["Issue key", "Clave de incidencia", "Clave"]),
        req(Title, &["Summary", "Resumen"]),
        opt(ItemType, &["Issue Type", "Tipo de Incidencia"]),
        opt(Status, &["Status", "Estado"]),
        opt(StatusCategory, &["Status Category", "Categoría de estado"]),
        opt(Assignee, &["Assignee", "Responsable", "Persona asignada"]),
        opt(
            Team,
            &[
                "Team",
                "Custom field (Team)",
                "Equipo",
                "Campo personalizado (Team)",
                "Campo personalizado (Equipo)",
                "Project name",
                "Nombre del proyecto",
                "Project key",
                "Clave del proyecto",
            ],
        ),
        opt(Created, &["Created", "Creada", "Creado", "Fecha de creación"]),
        opt(Resolved, &["Resolved", "Resuelta", "Resuelto", "Fecha de resolución"]),
        opt(
            Estimate,
            &[
                "Custom field (Story Points)",
                "Custom field (Story point estimate)",
                "Campo personalizado (Story Points)",
                "Campo personalizado (Story point estimate)",
                "Campo personalizado (Estimación de puntos de historia)",
                "Campo personalizado (Puntos de historia)",
                "Story Points",
                "Story point estimate",
            ],
        ),
        opt(Sprint, &["Sprint"]),
        opt(Labels, &["Labels", "Etiquetas"]),
        opt(Comments, &["Comment", "Comentario", "Comentarios"]),
        opt(Watchers, &["Watchers", "Observadores"]),
        opt(WorkLog, &["Log Work", "Registrar trabajo", "Registro de trabajo"]),
        opt(Attachments, &["Attachment", "Archivo adjunto", "Adjunto"]),
        opt(TimeInStatus, &["[CHART] Time in Status", "[GRÁFICO] Tiempo en estado", "[CHART] Tiempo en estado"]),
    ],
    absent: &[],
};
