//! The audit log as sentences for staff: who did what to which person, session,
//! offering or company, with names looked up once per page.

use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use lotse_store::accounts::AuditEntry;
use std::collections::HashMap;
use uuid::Uuid;

/// Names already looked up for one page of the log.
#[derive(Default)]
pub(crate) struct Names {
    known: HashMap<(char, Uuid), String>,
}

/// What an action's subject is, by the action's first part.
fn kind_of(action: &str) -> char {
    match action.split('.').next().unwrap_or_default() {
        "registration" => 'r',
        "session" | "participants" => 's',
        "offering" => 'o',
        "company" => 'c',
        _ => 'p',
    }
}

impl Names {
    /// The name of the person `id`, or that they erased their account.
    async fn person(&mut self, state: &AppState, lang: Lang, id: Uuid) -> Result<String, AppError> {
        if let Some(name) = self.known.get(&('p', id)) {
            return Ok(name.clone());
        }
        let name = lotse_store::accounts::person(&state.db, id)
            .await?
            .map(|p| p.name)
            .unwrap_or_else(|| lang.t("audit-erased-person"));
        self.known.insert(('p', id), name.clone());
        Ok(name)
    }

    /// What the subject of `entry` names, in words; the raw subject when it names
    /// nothing lotse knows (any more).
    async fn subject(
        &mut self,
        state: &AppState,
        lang: Lang,
        entry: &AuditEntry,
    ) -> Result<String, AppError> {
        let kind = kind_of(&entry.action);
        let Ok(id) = Uuid::try_parse(&entry.subject) else {
            return Ok(if entry.subject.starts_with("address ") {
                lang.t("audit-unknown-address")
            } else {
                entry.subject.clone()
            });
        };
        if kind == 'p' {
            return self.person(state, lang, id).await;
        }
        if let Some(name) = self.known.get(&(kind, id)) {
            return Ok(name.clone());
        }
        let session = |title: String, starts: i64| {
            let when = jiff::Timestamp::from_second(starts)
                .map(|t| crate::format::date(lang, t))
                .unwrap_or_default();
            format!("„{title}“ ({when})")
        };
        let name = match kind {
            's' => lotse_store::catalogue::session_heading(&state.db, id)
                .await?
                .map(|(title, starts, _)| session(title, starts)),
            'r' => lotse_store::booking::registration(&state.db, id)
                .await?
                .map(|r| session(r.offering_title, r.starts_at.as_second())),
            'o' => lotse_store::catalogue::offering(&state.db, id, jiff::Timestamp::now())
                .await?
                .map(|o| format!("„{}“", o.card.title)),
            _ => lotse_store::accounts::company(&state.db, id)
                .await?
                .map(|c| c.name),
        }
        .unwrap_or_else(|| entry.subject.clone());
        self.known.insert((kind, id), name.clone());
        Ok(name)
    }

    /// The entry as a sentence in `lang`, e.g. "Erika Staff hat die
    /// Teilnehmendenliste von „Lager digital“ (Mo., 7. Dez. 2026) heruntergeladen."
    pub(crate) async fn sentence(
        &mut self,
        state: &AppState,
        lang: Lang,
        entry: &AuditEntry,
    ) -> Result<String, AppError> {
        let actor = match entry.actor_id {
            Some(id) => self.person(state, lang, id).await?,
            None => lang.t("audit-nobody"),
        };
        let subject = self.subject(state, lang, entry).await?;
        let key = format!("audit-{}", entry.action.replace(['.', '_'], "-"));
        let key = if Lang::defines(&key) {
            key
        } else {
            "audit-other".to_owned()
        };
        Ok(lang.t_args(
            &key,
            &[
                ("actor", actor.into()),
                ("subject", subject.into()),
                ("action", entry.action.clone().into()),
            ],
        ))
    }
}

#[cfg(test)]
mod tests {
    /// Every action the code writes to the audit log reads as a sentence in both
    /// languages.
    #[test]
    fn every_audited_action_has_a_sentence() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut actions = std::collections::BTreeSet::new();
        let mut stack = vec![root];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                for (i, _) in text.match_indices("audit(") {
                    // The action is the first string literal after the call.
                    let rest = &text[i..text.len().min(i + 400)];
                    if let Some(start) = rest.find('"') {
                        let action: String = rest[start + 1..]
                            .chars()
                            .take_while(|c| *c != '"')
                            .collect();
                        if action.contains('.') && !action.contains(' ') {
                            actions.insert(action);
                        }
                    }
                }
            }
        }
        assert!(actions.len() > 20, "{actions:?}");
        for (lang, file) in [
            ("de", include_str!("../../locales/de/main.ftl")),
            ("en", include_str!("../../locales/en/main.ftl")),
        ] {
            let missing: Vec<&String> = actions
                .iter()
                .filter(|a| {
                    let key = format!("audit-{}", a.replace(['.', '_'], "-"));
                    !file.lines().any(|l| l.starts_with(&format!("{key} = ")))
                })
                .collect();
            assert!(missing.is_empty(), "{lang} lacks sentences for {missing:?}");
        }
    }
}
