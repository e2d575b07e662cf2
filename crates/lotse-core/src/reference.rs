//! Reference data shared by every area: Brandenburg's counties.

use serde::Serialize;

/// A county (Landkreis or kreisfreie Stadt) by its official five-digit Kreisschlüssel,
/// or `outside` for anywhere outside Brandenburg.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct County {
    /// The Kreisschlüssel, or `outside`.
    pub key: &'static str,
    /// The official German name.
    pub name: &'static str,
}

/// The key used for a place or company outside Brandenburg.
pub const OUTSIDE_BRANDENBURG: &str = "outside";

/// Brandenburg's 4 kreisfreie Städte and 14 Landkreise, then "outside Brandenburg".
pub const COUNTIES: [County; 19] = [
    County {
        key: "12051",
        name: "Brandenburg an der Havel",
    },
    County {
        key: "12052",
        name: "Cottbus",
    },
    County {
        key: "12053",
        name: "Frankfurt (Oder)",
    },
    County {
        key: "12054",
        name: "Potsdam",
    },
    County {
        key: "12060",
        name: "Barnim",
    },
    County {
        key: "12061",
        name: "Dahme-Spreewald",
    },
    County {
        key: "12062",
        name: "Elbe-Elster",
    },
    County {
        key: "12063",
        name: "Havelland",
    },
    County {
        key: "12064",
        name: "Märkisch-Oderland",
    },
    County {
        key: "12065",
        name: "Oberhavel",
    },
    County {
        key: "12066",
        name: "Oberspreewald-Lausitz",
    },
    County {
        key: "12067",
        name: "Oder-Spree",
    },
    County {
        key: "12068",
        name: "Ostprignitz-Ruppin",
    },
    County {
        key: "12069",
        name: "Potsdam-Mittelmark",
    },
    County {
        key: "12070",
        name: "Prignitz",
    },
    County {
        key: "12071",
        name: "Spree-Neiße",
    },
    County {
        key: "12072",
        name: "Teltow-Fläming",
    },
    County {
        key: "12073",
        name: "Uckermark",
    },
    County {
        key: OUTSIDE_BRANDENBURG,
        name: "außerhalb Brandenburgs",
    },
];

/// The county with this key, if there is one.
pub fn county(key: &str) -> Option<&'static County> {
    COUNTIES.iter().find(|c| c.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brandenburg_has_four_cities_and_fourteen_districts() {
        let cities = COUNTIES
            .iter()
            .filter(|c| c.key.starts_with("1205"))
            .count();
        let districts = COUNTIES
            .iter()
            .filter(|c| c.key.starts_with("1206") || c.key.starts_with("1207"))
            .count();
        assert_eq!((cities, districts), (4, 14));
        assert_eq!(county("12052").map(|c| c.name), Some("Cottbus"));
        assert_eq!(county("99999"), None);
    }
}
