//! Jira Cloud "CSV (all fields)" and "CSV (current fields)", in every
//! language a site can export in.
//!
//! Jira repeats a column once per value (`Sprint`, `Labels`, `Comment`,
//! `Watchers`, `Log Work`, `Attachment`); list fields read every repeat. The team comes from a `Team` field
//! when the site has one, else from the project, which is how most teams
//! map to Jira. Story points live in whichever custom field the site uses,
//! so every common spelling is listed. Jira's `Start date` is a plan, not
//! when work started, so nothing feeds `started`.
//!
//! Headers follow the exporting user's language. Each list below gives the
//! spellings in the order English (including the 2025 "work item" renaming:
//! `Work type`), Spanish, French, German, Portuguese (Brazil, then
//! Portugal), Italian, Dutch, Polish, Japanese, Simplified Chinese, Korean
//! and Russian. Spellings seen in public exports are marked `seen`; the
//! others follow Atlassian's translations of the field but were not found
//! in a real file, so they are a best reading, not a certainty. Names
//! compare after `normalize`, so case, accents and punctuation do not
//! matter. Resolution (`Résolution`, `Lösung`, ...) is the resolution's
//! name, not its date, and is deliberately absent.

use super::super::fields::Field::*;
use super::{opt, req, Format};

pub static JIRA: Format = Format {
    columns: &[
        req(
            Key,
            &[
                "Issue key", // seen
                "Work item key",
                "Clave de incidencia",
                "Clave",
                "Clé de ticket",     // seen
                "Vorgangsschlüssel", // seen
                "Chave da item",     // seen (pt-BR, sic)
                "Chave do item",
                "Chiave ticket",
                "Issuesleutel",
                "Klucz zgłoszenia", // seen
                "課題キー",
                "问题关键字",
                "이슈 키",
                "Ключ проблемы", // seen
                "Ключ задачи",
            ],
        ),
        req(
            Title,
            &[
                "Summary",         // seen
                "Resumen",
                "Résumé",          // seen
                "Zusammenfassung", // seen
                "Resumo",          // seen
                "Riepilogo",
                "Samenvatting",
                "Podsumowanie", // seen
                "要約",
                "概要",
                "요약",
                "Тема", // seen
            ],
        ),
        opt(
            ItemType,
            &[
                "Issue Type", // seen
                "Work type",  // seen
                "Work item type",
                "Tipo de Incidencia",
                "Type de ticket",     // seen
                "Vorgangstyp",        // seen
                "Tipo de item",       // seen
                "Tipo ticket",
                "Issuetype",
                "Typ zgłoszenia", // seen
                "課題タイプ",
                "问题类型",
                "이슈 유형",
                "Тип задачи", // seen
            ],
        ),
        opt(
            Status,
            &[
                "Status", // seen (also German, Portuguese, Polish, Dutch)
                "Estado", // also Portugal
                "État",   // seen
                "Statut",
                "Stato",
                "ステータス",
                "状态",
                "상태",
                "Статус", // seen
            ],
        ),
        opt(
            StatusCategory,
            &[
                "Status Category",     // seen
                "Categoría de estado",
                "Catégorie d'état",
                "Statuskategorie", // seen
                "Categoria de status",
                "Categoria de estado",
                "Categoria di stato",
                "Statuscategorie",
                "Kategoria statusu",
                "ステータス カテゴリ",
                "状态类别",
                "상태 범주",
                "Категория статуса",
            ],
        ),
        opt(
            Assignee,
            &[
                "Assignee", // seen
                "Responsable",
                "Persona asignada",
                "Personne assignée",  // seen
                "Zugewiesene Person", // seen
                "Bearbeiter",
                "Responsável", // seen
                "Assegnatario",
                "Toegewezen aan",
                "Osoba przypisana",
                "担当者",
                "经办人",
                "담당자",
                "Исполнитель", // seen
            ],
        ),
        opt(
            Team,
            &[
                "Team",
                "Custom field (Team)",
                "Equipo",
                "Campo personalizado (Team)",
                "Campo personalizado (Equipo)",
                "Champs personnalisés (Team)",
                "Benutzerdefinierte Felder (Team)",
                "Project name", // seen
                "Nombre del proyecto",
                "Nom du projet",
                "Projektname", // seen
                "Nome do projeto",
                "Nome progetto",
                "Projectnaam",
                "Nazwa projektu",
                "プロジェクト名",
                "项目名称",
                "프로젝트 이름",
                "Название проекта",
                "Project key", // seen
                "Clave del proyecto",
                "Clé de projet",    // seen
                "Projektschlüssel", // seen
                "Chave do projeto",
                "Chiave progetto",
                "Projectsleutel",
                "Klucz projektu",
                "プロジェクト キー",
                "项目关键字",
                "프로젝트 키",
                "Ключ проекта",
            ],
        ),
        opt(
            Created,
            &[
                "Created", // seen
                "Creada",
                "Creado",
                "Fecha de creación",
                "Création", // seen
                "Erstellt", // seen
                "Criado",   // seen
                "Creato",
                "Aangemaakt",
                "Utworzono", // seen
                "作成日",
                "创建日期",
                "생성일",
                "Создано",
            ],
        ),
        opt(
            Resolved,
            &[
                "Resolved", // seen
                "Resuelta",
                "Resuelto",
                "Fecha de resolución",
                "Résolue",
                "Résolu",
                "Erledigt",  // seen
                "Resolvido", // seen
                "Risolto",
                "Opgelost",
                "Rozwiązano",
                "解決日",
                "已解决",
                "해결됨",
                "Дата решения",
                "Решено",
            ],
        ),
        opt(
            Estimate,
            &[
                "Custom field (Story Points)",
                "Custom field (Story point estimate)",
                "Campo personalizado (Story Points)",
                "Campo personalizado (Story point estimate)",
                "Campo personalizado (Estimación de puntos de historia)",
                "Campo personalizado (Puntos de historia)",
                "Champs personnalisés (Story Points)", // seen
                "Champs personnalisés (Story point estimate)",
                "Benutzerdefinierte Felder (Story Points)", // seen
                "Benutzerdefinierte Felder (Story point estimate)",
                "Benutzerdefinierte Felder (Story Point-Schätzung)", // seen
                "Campo personalizzato (Story Points)",
                "Campo personalizzato (Story point estimate)",
                "Aangepast veld (Story Points)",
                "Aangepast veld (Story point estimate)",
                "Pole niestandardowe (Story Points)",
                "Pole niestandardowe (Story point estimate)", // seen
                "カスタム フィールド (Story Points)",
                "カスタム フィールド (Story point estimate)",
                "自定义字段 (Story Points)",
                "自定义字段 (Story point estimate)",
                "사용자 정의 필드 (Story Points)",
                "사용자 정의 필드 (Story point estimate)",
                "Пользовательское поле (Story Points)",
                "Пользовательское поле (Story point estimate)",
                "Story Points",
                "Story point estimate",
            ],
        ),
        opt(Sprint, &["Sprint", "スプリント", "冲刺", "스프린트", "Спринт"]),
        opt(
            Labels,
            &[
                "Labels", // seen (also Dutch)
                "Etiquetas",
                "Étiquettes",
                "Stichwörter",
                "Rótulos",
                "Etichette",
                "Etykiety",
                "ラベル",
                "标签",
                "레이블",
                "Метки",
            ],
        ),
        opt(
            Comments,
            &[
                "Comment", // seen
                "Comentario",
                "Comentarios",
                "Commentaire",
                "Kommentar",
                "Comentário",
                "Commento",
                "Opmerking",
                "Komentarz",
                "コメント",
                "注释",
                "댓글",
                "Комментарий",
            ],
        ),
        opt(
            Watchers,
            &[
                "Watchers", // seen
                "Observadores",
                "Observateurs",
                "Beobachter", // seen
                "Osservatori",
                "Volgers",
                "Obserwujący",
                "ウォッチャー",
                "关注者",
                "지켜보는 사람",
                "Наблюдатели",
            ],
        ),
        opt(
            WorkLog,
            &[
                "Log Work", // seen
                "Registrar trabajo",
                "Registro de trabajo",
                "Enregistrer le travail",
                "Arbeit protokollieren", // seen
                "Registrar trabalho",
                "Registra lavoro",
                "Werk registreren",
                "Rejestruj pracę",
                "作業ログ",
                "工作日志",
                "작업 기록",
                "Журнал работ",
            ],
        ),
        opt(
            Attachments,
            &[
                "Attachment", // seen
                "Archivo adjunto",
                "Adjunto",
                "Pièce jointe",
                "Anhang", // seen
                "Anexo",
                "Allegato",
                "Bijlage",
                "Załącznik",
                "添付ファイル",
                "附件",
                "첨부 파일",
                "Вложение",
            ],
        ),
        opt(TimeInStatus, &["[CHART] Time in Status", "[GRÁFICO] Tiempo en estado", "[CHART] Tiempo en estado"]),
    ],
    absent: &[],
    template: None,
};
