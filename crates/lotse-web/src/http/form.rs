//! HTML forms shared by every area: fields with their labels, hints and errors, the
//! data as sent, and query values in links.

use crate::error::InvalidField;
use crate::i18n::Lang;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::http::StatusCode;
use axum::response::Response;
use std::collections::HashMap;

/// One input of a form.
#[derive(Debug, Clone, Default)]
#[allow(missing_docs)]
pub struct FormField {
    /// Element id.
    pub id: String,
    /// Parameter name.
    pub name: &'static str,
    /// `text`, `email`, `password`, `number`.
    pub kind: &'static str,
    pub label: String,
    /// Help text.
    pub hint: Option<String>,
    /// The value to show again (never for passwords).
    pub value: String,
    /// The error for this field.
    pub error: Option<String>,
    /// `autocomplete` attribute.
    pub autocomplete: &'static str,
    /// Whether the field must be filled.
    pub required: bool,
    /// Choices; a select when not empty.
    pub options: Vec<(String, String)>,
}

impl FormField {
    pub(crate) fn new(
        lang: Lang,
        name: &'static str,
        kind: &'static str,
        autocomplete: &'static str,
    ) -> Self {
        Self {
            id: format!("f-{}", name.replace('.', "-")),
            name,
            kind,
            label: lang.t(&format!("field-{}", name.replace('.', "-"))),
            autocomplete,
            required: true,
            ..Self::default()
        }
    }

    pub(crate) fn optional(mut self) -> Self {
        self.required = false;
        self
    }

    pub(crate) fn hint(mut self, hint: String) -> Self {
        self.hint = Some(hint);
        self
    }

    pub(crate) fn value(mut self, value: Option<&String>) -> Self {
        if self.kind != "password" {
            self.value = value.cloned().unwrap_or_default();
        }
        self
    }

    /// The ids of the hint and error, for `aria-describedby`.
    pub fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if self.hint.is_some() {
            ids.push(format!("{}-hint", self.id));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.id));
        }
        ids.join(" ")
    }

    /// Whether a select takes `required`: HTML allows it only where the first choice
    /// is an empty placeholder; a select without one always sends a choice anyway.
    pub fn select_required(&self) -> bool {
        self.required && self.options.first().is_some_and(|(v, _)| v.is_empty())
    }
}

/// Puts each error on its field; returns the errors that match no field.
pub(crate) fn place_errors(
    lang: Lang,
    fields: &mut [FormField],
    errors: Vec<InvalidField>,
) -> Vec<String> {
    let mut rest = Vec::new();
    for e in errors {
        match fields.iter_mut().find(|f| f.name == e.field) {
            Some(f) if f.error.is_none() => f.error = Some(e.message.text(lang)),
            Some(_) => {}
            None => rest.push(e.message.text(lang)),
        }
    }
    rest
}

pub(crate) fn with_status(mut response: Response, status: StatusCode) -> Response {
    *response.status_mut() = status;
    response
}

/// Form fields as sent; unknown fields are ignored, missing ones are empty.
pub(crate) type FormData = HashMap<String, String>;

pub(crate) fn form_or_empty(form: Result<Form<FormData>, FormRejection>) -> FormData {
    form.map(|Form(f)| f).unwrap_or_default()
}

pub(crate) fn field(form: &FormData, name: &str) -> String {
    form.get(name).cloned().unwrap_or_default()
}

/// Percent-encodes a query value (`application/x-www-form-urlencoded`: a space
/// becomes `+`).
pub fn encode(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

#[cfg(test)]
mod tests {
    use super::FormField;

    fn select(required: bool, options: &[(&str, &str)]) -> FormField {
        FormField {
            id: "f-kind".into(),
            name: "kind",
            kind: "text",
            label: "Art".into(),
            hint: None,
            value: String::new(),
            error: None,
            autocomplete: "off",
            required,
            options: options
                .iter()
                .map(|(v, l)| ((*v).to_owned(), (*l).to_owned()))
                .collect(),
        }
    }

    #[test]
    fn a_select_is_required_only_with_an_empty_first_choice() {
        let choices = [("module", "Modul"), ("workshop", "Workshop")];
        assert!(!select(true, &choices).select_required());
        assert!(select(true, &[("", "bitte wählen"), ("module", "Modul")]).select_required());
        assert!(!select(false, &[("", "bitte wählen")]).select_required());
    }
}
