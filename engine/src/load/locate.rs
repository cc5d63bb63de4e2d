//! Finding lines in TOML text: by byte offset, by dotted key (`settlement_fee.tier[2].fee`),
//! and every string value whose key matches (for `cite` checks). Uses `toml_edit`'s spans.
use toml_edit::{ImDocument, Item, Table, Value};

/// 1-based line of a byte offset.
pub fn line_of_offset(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    let before = text.get(..end).unwrap_or(text);
    before.matches('\n').count().saturating_add(1)
}

/// A node while walking the document: tables and values carry spans differently.
#[derive(Clone, Copy)]
enum Node<'a> {
    Item(&'a Item),
    Table(&'a Table),
    Value(&'a Value),
}

impl<'a> Node<'a> {
    fn child(self, name: &str) -> Option<(Option<usize>, Node<'a>)> {
        let (key, item) = match self {
            Node::Item(item) => item.as_table_like()?.get_key_value(name)?,
            Node::Table(table) => table.get_key_value(name)?,
            Node::Value(Value::InlineTable(t)) => {
                let (k, v) = t.get_key_value(name)?;
                return Some((k.span().map(|s| s.start), Node::Item(v)));
            }
            Node::Value(_) => return None,
        };
        Some((key.span().map(|s| s.start), Node::Item(item)))
    }

    fn index(self, i: usize) -> Option<(Option<usize>, Node<'a>)> {
        match self {
            Node::Item(Item::ArrayOfTables(aot)) => {
                let t = aot.get(i)?;
                Some((t.span().map(|s| s.start), Node::Table(t)))
            }
            Node::Item(Item::Value(Value::Array(a))) | Node::Value(Value::Array(a)) => {
                let v = a.get(i)?;
                Some((v.span().map(|s| s.start), Node::Value(v)))
            }
            _ => None,
        }
    }
}

/// `a.b[2].c` → [("a", []), ("b", [2]), ("c", [])].
fn segments(key: &str) -> Vec<(&str, Vec<usize>)> {
    key.split('.')
        .map(|seg| {
            let mut parts = seg.split('[');
            let name = parts.next().unwrap_or("");
            let idx = parts
                .filter_map(|p| p.strip_suffix(']'))
                .filter_map(|p| p.parse().ok())
                .collect();
            (name, idx)
        })
        .collect()
}

/// The line of a dotted key, or of its nearest existing parent.
pub fn line_of_key(text: &str, key: &str) -> Option<usize> {
    let doc = ImDocument::parse(text).ok()?;
    let mut node = Node::Item(doc.as_item());
    let mut best: Option<usize> = None;
    for (name, indices) in segments(key) {
        if !name.is_empty() {
            let Some((span, next)) = node.child(name) else {
                break;
            };
            best = span.or(best);
            node = next;
        }
        for i in indices {
            let Some((span, next)) = node.index(i) else {
                return best.map(|b| line_of_offset(text, b));
            };
            best = span.or(best);
            node = next;
        }
    }
    best.map(|b| line_of_offset(text, b))
}

/// Every string value whose own key satisfies `wanted`: (dotted key, value, byte offset).
pub fn string_values(text: &str, wanted: impl Fn(&str) -> bool) -> Vec<(String, String, usize)> {
    let Ok(doc) = ImDocument::parse(text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    walk(Node::Item(doc.as_item()), "", &wanted, &mut out);
    out.sort_by_key(|(_, _, offset)| *offset);
    out
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}.{name}")
    }
}

fn walk(
    node: Node<'_>,
    prefix: &str,
    wanted: &dyn Fn(&str) -> bool,
    out: &mut Vec<(String, String, usize)>,
) {
    let entries: Vec<(String, Node<'_>)> = match node {
        Node::Item(Item::ArrayOfTables(aot)) => {
            for (i, t) in aot.iter().enumerate() {
                walk(Node::Table(t), &format!("{prefix}[{i}]"), wanted, out);
            }
            return;
        }
        Node::Item(Item::Value(v)) | Node::Value(v) => match v {
            Value::Array(a) => {
                for (i, v) in a.iter().enumerate() {
                    walk(Node::Value(v), &format!("{prefix}[{i}]"), wanted, out);
                }
                return;
            }
            Value::InlineTable(t) => t
                .iter()
                .filter_map(|(k, _)| t.get(k).map(|v| (k.to_string(), Node::Value(v))))
                .collect(),
            Value::String(s) => {
                let name = prefix.rsplit('.').next().unwrap_or(prefix);
                if wanted(name) {
                    let offset = s.span().map(|sp| sp.start).unwrap_or(0);
                    out.push((prefix.to_string(), s.value().clone(), offset));
                }
                return;
            }
            _ => return,
        },
        Node::Item(item) => match item.as_table_like() {
            Some(t) => t
                .iter()
                .map(|(k, i)| (k.to_string(), Node::Item(i)))
                .collect(),
            None => return,
        },
        Node::Table(t) => t
            .iter()
            .map(|(k, i)| (k.to_string(), Node::Item(i)))
            .collect(),
    };
    for (name, child) in entries {
        walk(child, &join(prefix, &name), wanted, out);
    }
}
