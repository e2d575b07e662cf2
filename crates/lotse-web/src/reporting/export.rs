//! The figures as files: CSV of one breakdown (semicolons and a byte-order mark, as
//! German spreadsheet programs expect) and an XLSX workbook with a sheet of
//! definitions and one sheet per breakdown. Neither holds a name or an address: rows
//! are counties, months, topics and the like.

use super::service::{KpiReport, breakdown_name, cell_text, kpi_name};
use crate::error::AppError;
use crate::i18n::Lang;
use lotse_core::reporting::{Cell, Kpi};
use rust_xlsxwriter::{Format, Workbook};

/// The heading row: key, label, one column per figure.
fn headings(lang: Lang) -> Vec<String> {
    let mut row = vec![lang.t("report-column-key"), lang.t("report-column-label")];
    row.extend(Kpi::ALL.iter().map(|k| kpi_name(lang, *k)));
    row
}

/// The first table of `report` as CSV, its total last.
pub fn csv(lang: Lang, report: &KpiReport) -> Result<Vec<u8>, AppError> {
    let failed = |e: &dyn std::fmt::Display| AppError::Internal(format!("figures as CSV: {e}"));
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer("\u{feff}".as_bytes().to_vec());
    writer
        .write_record(headings(lang))
        .map_err(|e| failed(&e))?;
    if let Some(table) = report.tables.first() {
        for row in &table.rows {
            let mut line = vec![row.key.clone(), row.label.clone()];
            line.extend(row.cells.iter().map(|c| cell_text(*c)));
            writer.write_record(line).map_err(|e| failed(&e))?;
        }
        let mut line = vec![String::new(), lang.t("report-total")];
        line.extend(table.total.iter().map(|c| cell_text(*c)));
        writer.write_record(line).map_err(|e| failed(&e))?;
    }
    writer.into_inner().map_err(|e| failed(&e))
}

/// Every table of `report` as a workbook: "Definitionen" first (period, what each
/// figure counts, whether small cells are suppressed), then one sheet per breakdown.
pub fn xlsx(lang: Lang, report: &KpiReport) -> Result<Vec<u8>, AppError> {
    let failed =
        |e: rust_xlsxwriter::XlsxError| AppError::Internal(format!("figures as XLSX: {e}"));
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    let sheet = book.add_worksheet();
    sheet
        .set_name(lang.t("report-sheet-definitions"))
        .map_err(failed)?;
    sheet.set_column_width(0, 28).map_err(failed)?;
    sheet.set_column_width(1, 90).map_err(failed)?;
    let mut line = 0;
    let mut put = |sheet: &mut rust_xlsxwriter::Worksheet, a: String, b: String| {
        let row = line;
        line += 1;
        sheet
            .write_string_with_format(row, 0, a, &bold)
            .and_then(|s| s.write_string_with_format(row, 1, b, &wrap))
            .map(|_| ())
    };
    put(
        sheet,
        lang.t("report-period"),
        format!("{} – {}", report.period.from, report.period.to),
    )
    .map_err(failed)?;
    put(
        sheet,
        lang.t("report-made"),
        jiff::Zoned::now()
            .with_time_zone(lotse_core::catalogue::berlin())
            .strftime("%Y-%m-%d %H:%M")
            .to_string(),
    )
    .map_err(failed)?;
    put(
        sheet,
        lang.t("report-small-cells"),
        lang.t(if report.suppressed {
            "report-small-cells-suppressed"
        } else {
            "report-small-cells-shown"
        }),
    )
    .map_err(failed)?;
    put(
        sheet,
        lang.t("report-counting"),
        lang.t("report-counting-rule"),
    )
    .map_err(failed)?;
    for kpi in Kpi::ALL {
        put(
            sheet,
            kpi_name(lang, kpi),
            lang.t(&format!("kpi-{}-definition", kpi.key().replace('_', "-"))),
        )
        .map_err(failed)?;
    }
    for table in &report.tables {
        let sheet = book.add_worksheet();
        // Sheet names have at most 31 characters.
        let name: String = breakdown_name(lang, table.breakdown)
            .chars()
            .take(31)
            .collect();
        sheet.set_name(name).map_err(failed)?;
        for (column, heading) in headings(lang).into_iter().enumerate() {
            let column = u16::try_from(column).unwrap_or(u16::MAX);
            sheet
                .write_string_with_format(0, column, heading, &bold)
                .map_err(failed)?;
        }
        sheet.set_column_width(1, 40).map_err(failed)?;
        sheet.set_freeze_panes(1, 0).map_err(failed)?;
        let total = (String::new(), lang.t("report-total"), table.total);
        let rows = table
            .rows
            .iter()
            .map(|r| (r.key.clone(), r.label.clone(), r.cells))
            .chain(std::iter::once(total));
        for (n, (key, label, cells)) in rows.enumerate() {
            let row = u32::try_from(n + 1).unwrap_or(u32::MAX);
            sheet.write_string(row, 0, key).map_err(failed)?;
            sheet.write_string(row, 1, label).map_err(failed)?;
            for (column, cell) in cells.iter().enumerate() {
                let column = u16::try_from(column + 2).unwrap_or(u16::MAX);
                match cell {
                    // Counts stay far below 2^53, exact as spreadsheet numbers.
                    Cell::Shown(v) => sheet.write_number(row, column, *v as f64),
                    Cell::Suppressed => sheet.write_string(row, column, cell_text(*cell)),
                    Cell::NotApplicable => Ok(&mut *sheet),
                }
                .map_err(failed)?;
            }
        }
    }
    book.save_to_buffer().map_err(failed)
}
