//! The geometry of the dashboard's pictures, drawn on the server: horizontal bar
//! charts, a line chart over time and Brandenburg's counties shaded by a figure. The
//! markup is in `templates/reporting/dashboard.html`, where askama escapes every text;
//! the same figures stand in a table beside each picture.

use lotse_core::reporting::Cell;
use std::sync::OnceLock;

/// Width of every picture in SVG units; the page scales it to the column.
pub const WIDTH: f64 = 400.0;

/// One bar: its label above it, the bar, the value after it.
#[derive(Debug, Clone)]
pub struct Bar {
    /// What the bar stands for.
    pub label: String,
    /// Baseline of the label.
    pub label_y: f64,
    /// Top of the bar.
    pub bar_y: f64,
    /// Length of the bar (0 where the value is hidden).
    pub length: f64,
    /// Where the value is written.
    pub value_x: f64,
    /// The value as shown ("< 5" where suppressed).
    pub value: String,
}

/// A horizontal bar chart.
#[derive(Debug, Clone)]
pub struct BarChart {
    /// Height in SVG units.
    pub height: f64,
    /// The bars, top to bottom.
    pub bars: Vec<Bar>,
}

const ROW: f64 = 34.0;
const LABEL_BASELINE: f64 = 13.0;
const BAR_TOP: f64 = 18.0;
/// Room after the longest bar for its value.
const VALUE_ROOM: f64 = 48.0;

/// Bars for `rows` (label and cell); rows that do not apply are left out.
pub fn bar_chart(rows: &[(String, Cell)], shown: impl Fn(Cell) -> String) -> BarChart {
    let rows: Vec<&(String, Cell)> = rows
        .iter()
        .filter(|(_, c)| *c != Cell::NotApplicable)
        .collect();
    let max = rows
        .iter()
        .filter_map(|(_, c)| match c {
            Cell::Shown(v) => Some(*v),
            _ => None,
        })
        .max()
        .unwrap_or(0)
        .max(1);
    let bars = rows
        .iter()
        .enumerate()
        .map(|(i, (label, cell))| {
            let top = ROW * i as f64;
            #[allow(clippy::cast_precision_loss)]
            let length = match cell {
                Cell::Shown(v) => (WIDTH - VALUE_ROOM) * (*v as f64) / (max as f64),
                _ => 0.0,
            };
            Bar {
                label: label.clone(),
                label_y: top + LABEL_BASELINE,
                bar_y: top + BAR_TOP,
                length,
                value_x: length + 4.0,
                value: shown(*cell),
            }
        })
        .collect::<Vec<_>>();
    BarChart {
        height: (ROW * bars.len() as f64).max(ROW),
        bars,
    }
}

/// A tick on an axis.
#[derive(Debug, Clone)]
pub struct Tick {
    /// Position along the axis.
    pub at: f64,
    /// What it says.
    pub label: String,
}

/// A point of a line, with what it stands for (read by a title on hover).
#[derive(Debug, Clone)]
pub struct Point {
    /// Horizontal position.
    pub x: f64,
    /// Vertical position.
    pub y: f64,
    /// "label: value".
    pub title: String,
}

/// One line of a line chart.
#[derive(Debug, Clone)]
pub struct Line {
    /// The figure it shows.
    pub name: String,
    /// CSS class giving its colour and dash.
    pub class: &'static str,
    /// Polyline `points` attributes, one per unbroken run (a hidden value breaks it).
    pub runs: Vec<String>,
    /// Its points.
    pub points: Vec<Point>,
}

/// A line chart over time.
#[derive(Debug, Clone)]
pub struct LineChart {
    /// Height in SVG units.
    pub height: f64,
    /// Left edge of the plot (room for the y labels).
    pub left: f64,
    /// Bottom of the plot.
    pub bottom: f64,
    /// Ticks on the time axis.
    pub x_ticks: Vec<Tick>,
    /// Ticks on the value axis.
    pub y_ticks: Vec<Tick>,
    /// The lines.
    pub lines: Vec<Line>,
}

const LINE_CLASSES: [&str; 3] = ["line-a", "line-b", "line-c"];

/// Lines for `series` (name and one cell per period of `periods`), on one scale.
/// Each period has a long name (for a point's title) and a short one (for the axis,
/// which names about four of them).
pub fn line_chart(periods: &[(String, String)], series: &[(String, Vec<Cell>)]) -> LineChart {
    let (left, top, bottom, height) = (36.0, 8.0, 190.0, 240.0);
    let right = WIDTH - 8.0;
    let max = series
        .iter()
        .flat_map(|(_, cells)| cells.iter())
        .filter_map(|c| match c {
            Cell::Shown(v) => Some(*v),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    let step = nice_step(max);
    let ceiling = (max.div_ceil(step)).max(1) * step;
    #[allow(clippy::cast_precision_loss)]
    let y = |v: u64| bottom - (bottom - top) * (v as f64) / (ceiling as f64);
    #[allow(clippy::cast_precision_loss)]
    let x = |i: usize| {
        if periods.len() <= 1 {
            (left + right) / 2.0
        } else {
            left + (right - left) * (i as f64) / ((periods.len() - 1) as f64)
        }
    };
    let every = periods.len().div_ceil(4).max(1);
    LineChart {
        height,
        left,
        bottom,
        x_ticks: periods
            .iter()
            .enumerate()
            .filter(|(i, _)| i % every == 0)
            .map(|(i, (_, short))| Tick {
                at: x(i),
                label: short.clone(),
            })
            .collect(),
        y_ticks: (0..=ceiling / step)
            .map(|n| Tick {
                at: y(n * step),
                label: (n * step).to_string(),
            })
            .collect(),
        lines: series
            .iter()
            .zip(LINE_CLASSES.iter().cycle())
            .map(|((name, cells), class)| {
                let mut runs = Vec::new();
                let mut run = String::new();
                let mut points = Vec::new();
                for (i, cell) in cells.iter().enumerate() {
                    if let Cell::Shown(v) = cell {
                        let (px, py) = (x(i), y(*v));
                        run.push_str(&format!("{px:.1},{py:.1} "));
                        points.push(Point {
                            x: px,
                            y: py,
                            title: format!(
                                "{}: {v}",
                                periods.get(i).map_or("", |(long, _)| long.as_str())
                            ),
                        });
                    } else if !run.is_empty() {
                        runs.push(std::mem::take(&mut run));
                    }
                }
                if !run.is_empty() {
                    runs.push(run);
                }
                Line {
                    name: name.clone(),
                    class,
                    runs,
                    points,
                }
            })
            .collect(),
    }
}

/// A round step for about four ticks up to `max`: 1, 2 or 5 times a power of ten.
fn nice_step(max: u64) -> u64 {
    let rough = (max / 4).max(1);
    let mut power = 1;
    while power * 10 <= rough {
        power *= 10;
    }
    [1, 2, 5, 10]
        .into_iter()
        .map(|m| m * power)
        .find(|s| *s >= rough)
        .unwrap_or(power * 10)
}

/// A county's outline, projected.
#[derive(Debug, Clone)]
pub struct Outline {
    /// Kreisschlüssel.
    pub key: String,
    /// Official name.
    pub name: String,
    /// SVG path data (rings; holes by the even-odd rule).
    pub d: String,
}

/// The map's height in SVG units (its width is [`WIDTH`]).
pub fn map_height() -> f64 {
    outlines().1
}

/// Brandenburg's 18 counties from the shipped GeoJSON (BKG VG5000, see
/// `data/brandenburg-kreise.LICENCE.txt`), projected once: longitude scaled by the
/// cosine of the middle latitude, which keeps shapes true at this size.
pub fn outlines() -> &'static (Vec<Outline>, f64) {
    static OUTLINES: OnceLock<(Vec<Outline>, f64)> = OnceLock::new();
    OUTLINES.get_or_init(|| project(include_str!("../../data/brandenburg-kreise.geojson")))
}

fn project(geojson: &str) -> (Vec<Outline>, f64) {
    let Ok(doc) = serde_json::from_str::<serde_json::Value>(geojson) else {
        return (Vec::new(), WIDTH);
    };
    let features = doc["features"].as_array().cloned().unwrap_or_default();
    let mut all: Vec<(f64, f64)> = Vec::new();
    let rings_of = |geometry: &serde_json::Value| -> Vec<Vec<(f64, f64)>> {
        let polygons: Vec<&serde_json::Value> = match geometry["type"].as_str() {
            Some("MultiPolygon") => geometry["coordinates"]
                .as_array()
                .map(|p| p.iter().collect())
                .unwrap_or_default(),
            _ => vec![&geometry["coordinates"]],
        };
        polygons
            .into_iter()
            .flat_map(|p| p.as_array().cloned().unwrap_or_default())
            .map(|ring| {
                ring.as_array()
                    .map(|points| {
                        points
                            .iter()
                            .filter_map(|pt| Some((pt[0].as_f64()?, pt[1].as_f64()?)))
                            .collect()
                    })
                    .unwrap_or_default()
            })
            .collect()
    };
    for f in &features {
        all.extend(rings_of(&f["geometry"]).into_iter().flatten());
    }
    let (min_lon, max_lon, min_lat, max_lat) = all.iter().fold(
        (f64::MAX, f64::MIN, f64::MAX, f64::MIN),
        |(a, b, c, d), (lon, lat)| (a.min(*lon), b.max(*lon), c.min(*lat), d.max(*lat)),
    );
    let squeeze = ((min_lat + max_lat) / 2.0).to_radians().cos();
    let scale = (WIDTH - 4.0) / ((max_lon - min_lon) * squeeze).max(f64::EPSILON);
    let height = (max_lat - min_lat) * scale + 4.0;
    let outlines = features
        .iter()
        .map(|f| {
            let mut d = String::new();
            for ring in rings_of(&f["geometry"]) {
                for (i, (lon, lat)) in ring.iter().enumerate() {
                    let x = 2.0 + (lon - min_lon) * squeeze * scale;
                    let y = 2.0 + (max_lat - lat) * scale;
                    d.push_str(&format!("{}{x:.1} {y:.1}", if i == 0 { "M" } else { "L" }));
                }
                d.push('Z');
            }
            Outline {
                key: f["properties"]["key"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                name: f["properties"]["name"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                d,
            }
        })
        .collect();
    (outlines, height)
}

/// A county on the map, shaded by its figure.
#[derive(Debug, Clone)]
pub struct MapCounty {
    /// Its outline.
    pub outline: &'static Outline,
    /// CSS class of its shade: `shade-0` … `shade-4`, or `shade-hidden` for "< 5".
    pub class: &'static str,
    /// The figure as shown.
    pub value: String,
}

/// A legend entry.
#[derive(Debug, Clone)]
pub struct Shade {
    /// CSS class.
    pub class: &'static str,
    /// The range it stands for.
    pub label: String,
}

const SHADES: [&str; 5] = ["shade-0", "shade-1", "shade-2", "shade-3", "shade-4"];

/// The counties shaded by `figure` (a county key's cell): none, then four equal steps
/// up to the largest; and the legend. `hidden` is the legend's word for "< 5", where
/// small figures are hidden.
pub fn county_map(
    figure: impl Fn(&str) -> Cell,
    shown: impl Fn(Cell) -> String,
    hidden: Option<String>,
) -> (Vec<MapCounty>, Vec<Shade>) {
    let (outlines, _) = outlines();
    let max = outlines
        .iter()
        .filter_map(|o| match figure(&o.key) {
            Cell::Shown(v) => Some(v),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    let step = max.div_ceil(4).max(1);
    let class_of = |cell: Cell| match cell {
        Cell::Shown(0) | Cell::NotApplicable => SHADES[0],
        Cell::Shown(v) => SHADES[usize::try_from((v - 1) / step + 1).unwrap_or(4).min(4)],
        Cell::Suppressed => "shade-hidden",
    };
    let counties = outlines
        .iter()
        .map(|outline| {
            let cell = figure(&outline.key);
            MapCounty {
                outline,
                class: class_of(cell),
                value: shown(cell),
            }
        })
        .collect();
    let mut legend = vec![Shade {
        class: SHADES[0],
        label: "0".into(),
    }];
    for n in 1..=4u64 {
        let (low, high) = ((n - 1) * step + 1, n * step);
        if low > max.max(1) {
            break;
        }
        legend.push(Shade {
            class: SHADES[usize::try_from(n).unwrap_or(4)],
            label: if low == high {
                low.to_string()
            } else {
                format!("{low}–{high}")
            },
        });
    }
    if let Some(label) = hidden {
        legend.push(Shade {
            class: "shade-hidden",
            label,
        });
    }
    (counties, legend)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_counties_are_all_there_and_fit_the_picture() {
        let (outlines, height) = outlines();
        assert_eq!(outlines.len(), 18);
        assert!(
            outlines
                .iter()
                .any(|o| o.key == "12052" && o.name == "Cottbus")
        );
        assert!(*height > 300.0 && *height < 600.0, "{height}");
        for o in outlines {
            for number in o.d.split(['M', 'L', 'Z', ' ']).filter(|s| !s.is_empty()) {
                let v: f64 = number.parse().unwrap();
                assert!((0.0..=WIDTH.max(*height)).contains(&v), "{} {v}", o.key);
            }
        }
    }

    #[test]
    fn bars_are_as_long_as_their_share_of_the_largest_and_hidden_ones_have_none() {
        let chart = bar_chart(
            &[
                ("a".into(), Cell::Shown(10)),
                ("b".into(), Cell::Shown(5)),
                ("c".into(), Cell::Suppressed),
                ("d".into(), Cell::NotApplicable),
            ],
            |c| format!("{c:?}"),
        );
        assert_eq!(chart.bars.len(), 3);
        assert!((chart.bars[0].length - (WIDTH - VALUE_ROOM)).abs() < 1e-9);
        assert!((chart.bars[1].length * 2.0 - chart.bars[0].length).abs() < 1e-9);
        assert!(chart.bars[2].length.abs() < f64::EPSILON);
        assert!(chart.bars[2].bar_y > chart.bars[1].bar_y);
    }

    #[test]
    fn a_hidden_value_breaks_the_line_and_the_axis_has_round_steps() {
        let chart = line_chart(
            &["Jan", "Feb", "Mär", "Apr"].map(|m| (m.to_owned(), m.to_owned())),
            &[(
                "x".into(),
                vec![
                    Cell::Shown(12),
                    Cell::Shown(30),
                    Cell::Suppressed,
                    Cell::Shown(8),
                ],
            )],
        );
        assert_eq!(chart.lines[0].runs.len(), 2);
        assert_eq!(chart.lines[0].points.len(), 3);
        let ticks: Vec<&str> = chart.y_ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(ticks, ["0", "10", "20", "30"]);
        assert_eq!(nice_step(0), 1);
        assert_eq!(nice_step(1000), 500);
    }

    #[test]
    fn counties_are_shaded_in_four_steps_with_hidden_ones_apart() {
        let (counties, legend) = county_map(
            |key| match key {
                "12052" => Cell::Shown(40),
                "12071" => Cell::Shown(11),
                "12054" => Cell::Suppressed,
                _ => Cell::Shown(0),
            },
            |c| format!("{c:?}"),
            Some("< 5".into()),
        );
        let class = |key: &str| {
            counties
                .iter()
                .find(|c| c.outline.key == key)
                .unwrap()
                .class
        };
        assert_eq!(class("12052"), "shade-4");
        assert_eq!(class("12071"), "shade-2");
        assert_eq!(class("12054"), "shade-hidden");
        assert_eq!(class("12060"), "shade-0");
        let labels: Vec<&str> = legend.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, ["0", "1–10", "11–20", "21–30", "31–40", "< 5"]);
    }
}
