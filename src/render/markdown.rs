//! Markdown → HTML with the site's conventions, as one pass over pulldown-cmark events:
//! heading ids and TOC, table captions and scoped headers, `@/` links, glossary term links.
use super::links::{self, CONTENT_LINK_PREFIX};
use super::slug::{slugify, PageIds};
use super::tables::{self, CellKind, TableLayout, CAPTION_PREFIX};
use super::terms::{Piece, TermMatcher};
use crate::error::{BuildError, LineIndex};
use pulldown_cmark::utils::TextMergeWithOffset;
use pulldown_cmark::{Alignment, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Range;

/// One entry of the per-page table of contents (h2 and h3), with the entries nested under it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
    /// Deeper headings up to the next heading of this level or higher.
    pub children: Vec<TocEntry>,
}

/// Nests a flat list of headings by level: each entry takes the following deeper entries as
/// children, so a list's numbering counts only its own level. A page that opens with a deeper
/// heading keeps it at the top.
pub fn nest_toc(flat: Vec<TocEntry>) -> Vec<TocEntry> {
    let mut roots: Vec<TocEntry> = Vec::new();
    // Open entries, shallowest first; each is the last child of the one before it.
    let mut open: Vec<TocEntry> = Vec::new();
    let close = |open: &mut Vec<TocEntry>, roots: &mut Vec<TocEntry>| {
        if let Some(done) = open.pop() {
            match open.last_mut() {
                Some(parent) => parent.children.push(done),
                None => roots.push(done),
            }
        }
    };
    for entry in flat {
        while open.last().is_some_and(|last| last.level >= entry.level) {
            close(&mut open, &mut roots);
        }
        open.push(entry);
    }
    while !open.is_empty() {
        close(&mut open, &mut roots);
    }
    roots
}

/// Number of entries in a nested table of contents.
pub fn toc_len(toc: &[TocEntry]) -> usize {
    toc.iter().map(|e| 1 + toc_len(&e.children)).sum()
}

/// A page body rendered to HTML.
#[derive(Debug, Default)]
pub struct RenderedMarkdown {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// Link target (as written in the output) → source line, so later checks can name the line.
    pub link_lines: HashMap<String, usize>,
}

/// What the renderer needs to know about the page and the site.
pub struct MarkdownContext<'a> {
    pub shown_as: &'a str,
    pub body_line: usize,
    /// `./` or `../` × depth: prefix for relative URLs from this page.
    pub root: &'a str,
    pub page_exists: &'a (dyn Fn(&str) -> bool + Sync),
    /// `None` disables term links (no glossary, or the glossary page itself).
    pub terms: Option<&'a TermMatcher>,
    /// URL of the glossary page relative to the site root (`glossary/`).
    pub glossary_url: &'a str,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

type Spanned<'a> = (Event<'a>, Range<usize>);

/// Renders `body`; all problems (missing captions, broken `@/` links…) are returned together.
pub fn render(body: &str, ctx: &MarkdownContext) -> Result<RenderedMarkdown, Vec<BuildError>> {
    let events: Vec<Spanned> =
        TextMergeWithOffset::new(Parser::new_ext(body, options()).into_offset_iter()).collect();
    let mut pass = Pass::new(body, ctx);
    pass.reserve_explicit_ids(&events);
    let out = pass.run(events);
    if !pass.errors.is_empty() {
        return Err(pass.errors);
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    Ok(RenderedMarkdown {
        html,
        toc: nest_toc(std::mem::take(&mut pass.toc)),
        link_lines: pass.link_lines,
    })
}

/// A `표:` paragraph waiting for the table it labels.
struct Caption {
    id: String,
    html: String,
    /// The author's `{.fit}`, `{.reflow}` or `{.scroll}`; otherwise chosen by the table's shape.
    layout: Option<TableLayout>,
}

/// State of the table being rendered.
struct TableState {
    alignments: Vec<Alignment>,
    layout: TableLayout,
    /// Plain text of each header cell (a reflowed table's `data-label`s).
    labels: Vec<String>,
    in_head: bool,
    column: usize,
    body_open: bool,
}

struct Pass<'c, 'b> {
    body: &'b str,
    ctx: &'c MarkdownContext<'c>,
    lines: LineIndex,
    ids: PageIds,
    toc: Vec<TocEntry>,
    link_lines: HashMap<String, usize>,
    errors: Vec<BuildError>,
    /// Glossary entries already linked on this page.
    linked: Vec<bool>,
    /// Nesting of places where terms must not be linked (headings, links, images, code, raw `<a>`).
    no_terms: usize,
    heading: Option<HeadingLevel>,
    /// Level of the previous heading (the page title is the h1).
    last_level: u8,
    heading_text: String,
    /// Index in the output of the open heading's start event (its id is filled in at the end).
    heading_start: usize,
    caption: Option<Caption>,
    table: Option<TableState>,
}

impl<'c, 'b> Pass<'c, 'b> {
    fn new(body: &'b str, ctx: &'c MarkdownContext<'c>) -> Self {
        Self {
            body,
            ctx,
            lines: LineIndex::new(body, ctx.body_line),
            ids: PageIds::default(),
            toc: Vec::new(),
            link_lines: HashMap::new(),
            errors: Vec::new(),
            linked: vec![false; ctx.terms.map_or(0, TermMatcher::entry_count)],
            no_terms: 0,
            heading: None,
            last_level: 1,
            heading_text: String::new(),
            heading_start: 0,
            caption: None,
            table: None,
        }
    }

    fn error(&mut self, offset: usize, message: impl Into<String>) {
        let line = self.lines.line_of(offset);
        self.errors
            .push(BuildError::at(self.ctx.shown_as, line, message));
    }

    /// Author-chosen ids are claimed first so generated slugs never take them.
    fn reserve_explicit_ids(&mut self, events: &[Spanned]) {
        for (index, (event, range)) in events.iter().enumerate() {
            let explicit = match event {
                Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
                Event::Start(Tag::Paragraph) => caption_paragraph(events, index)
                    .and_then(|end| caption_text(&events[index + 1..end]))
                    .and_then(|text| tables::split_caption_id(&text).1.map(str::to_string)),
                _ => None,
            };
            if let Some(id) = explicit {
                if !self.ids.reserve(&id) {
                    self.error(
                        range.start,
                        format!("id \"{id}\"가 이 페이지에 두 번 쓰였습니다"),
                    );
                }
            }
        }
    }

    fn run<'a>(&mut self, events: Vec<Spanned<'a>>) -> Vec<Event<'a>> {
        let mut out = Vec::with_capacity(events.len() + 16);
        let mut index = 0;
        while index < events.len() {
            if let Some(end) = caption_paragraph(&events, index) {
                self.take_caption(&events[index + 1..end]);
                index = end + 1;
                continue;
            }
            if let Some(end) = self.reflow_html_block(&events, index, &mut out) {
                index = end + 1;
                continue;
            }
            let (event, range) = events[index].clone();
            self.event(event, range, &mut out);
            index += 1;
        }
        out
    }

    /// A raw HTML block holding a `table-reflow` table is handled whole: its cells get their
    /// header labels. Returns the index of the block's end event, or `None` for any other event.
    fn reflow_html_block<'a>(
        &mut self,
        events: &[Spanned<'a>],
        index: usize,
        out: &mut Vec<Event<'a>>,
    ) -> Option<usize> {
        let (Event::Start(Tag::HtmlBlock), block_range) = events.get(index)? else {
            return None;
        };
        let end = index
            + events[index..]
                .iter()
                .position(|(event, _)| matches!(event, Event::End(TagEnd::HtmlBlock)))?;
        let inner = &events[index + 1..end];
        let mut html = String::new();
        for (event, _) in inner {
            if let Event::Html(part) = event {
                html.push_str(part);
            }
        }
        if !html.contains(tables::RAW_REFLOW_CLASS) {
            return None;
        }
        let offset = inner.first().map_or(block_range.start, |(_, r)| r.start);
        let labelled = match tables::label_raw_reflow_table(&html) {
            Ok(labelled) => labelled,
            Err(message) => {
                self.error(offset, message);
                html
            }
        };
        self.event(Event::Start(Tag::HtmlBlock), block_range.clone(), out);
        self.event(Event::Html(labelled.into()), offset..offset, out);
        self.event(Event::End(TagEnd::HtmlBlock), events[end].1.clone(), out);
        Some(end)
    }

    fn take_caption(&mut self, inner: &[Spanned]) {
        let text = caption_text(inner).unwrap_or_default();
        let attrs = tables::split_caption_attrs(&text);
        let (caption_plain, explicit_id) = (attrs.text, attrs.id);
        if let Some(token) = attrs.unknown {
            let offset = inner.first().map_or(0, |(_, range)| range.start);
            self.error(
                offset,
                format!(
                    "표 캡션의 `{token}`을 알 수 없습니다: `{{#id}}`, `{{.fit}}`, `{{.reflow}}`, `{{.scroll}}` 중에서 쓰세요"
                ),
            );
        }
        let layout = attrs.layout;
        let id = match explicit_id {
            Some(id) => id.to_string(),
            None => self.ids.unique(&slugify(caption_plain)),
        };
        let mut events: Vec<Event> = Vec::with_capacity(inner.len());
        let last = inner.len().saturating_sub(1);
        for (position, (event, range)) in inner.iter().enumerate() {
            let event = match event {
                Event::Text(text) => {
                    let mut text: &str = text;
                    if position == 0 {
                        text = text
                            .trim_start()
                            .trim_start_matches(CAPTION_PREFIX)
                            .trim_start();
                    }
                    if position == last {
                        text = tables::split_caption_id(text).0;
                    }
                    Event::Text(CowStr::from(text.to_string()))
                }
                Event::Start(Tag::Link { .. }) => self.resolve_link(event.clone(), range.start),
                other => other.clone(),
            };
            events.push(event);
        }
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        self.caption = Some(Caption { id, html, layout });
    }

    fn event<'a>(&mut self, event: Event<'a>, range: Range<usize>, out: &mut Vec<Event<'a>>) {
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let depth = level as u8;
                if depth > self.last_level + 1 {
                    self.error(
                        range.start,
                        format!(
                            "제목 수준이 h{}에서 h{depth}로 건너뜁니다: {}을 쓰세요",
                            self.last_level,
                            "#".repeat(usize::from(self.last_level) + 1)
                        ),
                    );
                }
                self.last_level = depth;
                self.heading = Some(level);
                self.heading_text.clear();
                self.no_terms += 1;
                // The id is known only at the end of the heading; reserve the slot.
                out.push(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }));
                self.heading_start = out.len() - 1;
            }
            Event::End(TagEnd::Heading(level)) => {
                self.no_terms = self.no_terms.saturating_sub(1);
                self.heading = None;
                self.finish_heading(level, out);
                out.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::Table(alignments)) => {
                let mut layout = TableLayout::auto(alignments.len());
                let open = match self.caption.take() {
                    Some(caption) => {
                        layout = caption.layout.unwrap_or(layout);
                        tables::open_table(&caption.id, &caption.html, layout)
                    }
                    None => {
                        layout = TableLayout::Scroll;
                        self.error(
                            range.start,
                            "표에 캡션이 없습니다: 표 바로 위에 `표: 제목` 문단을 두세요",
                        );
                        tables::open_uncaptioned_table()
                    }
                };
                out.push(Event::Html(open.into()));
                self.table = Some(TableState {
                    labels: vec![String::new(); alignments.len()],
                    alignments,
                    layout,
                    in_head: false,
                    column: 0,
                    body_open: false,
                });
            }
            Event::End(TagEnd::Table) => {
                let body_open = self.table.take().is_some_and(|t| t.body_open);
                let close = if body_open { "</tbody>" } else { "" };
                out.push(Event::Html(
                    format!("{close}{}", tables::CLOSE_TABLE).into(),
                ));
            }
            Event::Start(Tag::TableHead) => {
                let mut layout = TableLayout::Fit;
                if let Some(table) = &mut self.table {
                    table.in_head = true;
                    table.column = 0;
                    layout = table.layout;
                }
                let open = tables::open_group("thead", layout) + &tables::open_group("tr", layout);
                out.push(Event::Html(open.into()));
            }
            Event::End(TagEnd::TableHead) => {
                if let Some(table) = &mut self.table {
                    table.in_head = false;
                }
                out.push(Event::Html("</tr></thead>".into()));
            }
            Event::Start(Tag::TableRow) => {
                let mut open = String::from("<tr>");
                if let Some(table) = &mut self.table {
                    table.column = 0;
                    open = tables::open_group("tr", table.layout);
                    if !table.body_open {
                        table.body_open = true;
                        open.insert_str(0, &tables::open_group("tbody", table.layout));
                    }
                }
                out.push(Event::Html(open.into()));
            }
            Event::End(TagEnd::TableRow) => out.push(Event::Html("</tr>".into())),
            Event::Start(Tag::TableCell) => {
                let html = match &self.table {
                    Some(t) => CellKind::of(t.in_head, t.column).open(
                        t.alignments.get(t.column),
                        t.layout,
                        t.labels.get(t.column).map(String::as_str),
                    ),
                    None => "<td>".to_string(),
                };
                out.push(Event::Html(html.into()));
            }
            Event::End(TagEnd::TableCell) => {
                let kind = match &mut self.table {
                    Some(t) => {
                        let kind = CellKind::of(t.in_head, t.column);
                        t.column += 1;
                        kind
                    }
                    None => CellKind::Data,
                };
                out.push(Event::Html(kind.close().into()));
            }
            Event::Start(Tag::Link { .. }) => {
                self.no_terms += 1;
                let resolved = self.resolve_link(event, range.start);
                out.push(resolved);
            }
            Event::Start(Tag::Image { ref dest_url, .. }) => {
                self.no_terms += 1;
                let line = self.lines.line_of(range.start);
                self.link_lines.entry(dest_url.to_string()).or_insert(line);
                out.push(event);
            }
            Event::Start(Tag::CodeBlock(_)) => {
                self.no_terms += 1;
                out.push(event);
            }
            Event::End(TagEnd::Link)
            | Event::End(TagEnd::Image)
            | Event::End(TagEnd::CodeBlock) => {
                self.no_terms = self.no_terms.saturating_sub(1);
                out.push(event);
            }
            Event::Html(html) => {
                let html = self.raw_html(html, range.start);
                out.push(Event::Html(html));
            }
            Event::InlineHtml(html) => {
                let html = self.raw_html(html, range.start);
                out.push(Event::InlineHtml(html));
            }
            Event::Start(Tag::HtmlBlock) => {
                for offset in tables::raw_tables_without_caption(&self.body[range.clone()]) {
                    self.error(
                        range.start + offset,
                        "HTML 표에 <caption>이 없습니다: <table> 바로 안에 <caption>을 두세요",
                    );
                }
                out.push(event);
            }
            Event::Text(text) => {
                if self.heading.is_some() {
                    self.heading_text.push_str(&text);
                }
                self.header_label(&text);
                self.text(text, out);
            }
            Event::Code(code) => {
                if self.heading.is_some() {
                    self.heading_text.push_str(&code);
                }
                self.header_label(&code);
                out.push(Event::Code(code));
            }
            other => out.push(other),
        }
    }

    /// Text inside a header cell becomes (part of) that column's label.
    fn header_label(&mut self, text: &str) {
        if let Some(table) = self.table.as_mut().filter(|t| t.in_head) {
            if let Some(label) = table.labels.get_mut(table.column) {
                label.push_str(text);
            }
        }
    }

    fn finish_heading<'a>(&mut self, level: HeadingLevel, out: &mut [Event<'a>]) {
        let Some(Event::Start(Tag::Heading { id, .. })) = out.get_mut(self.heading_start) else {
            return;
        };
        let final_id = match id {
            Some(explicit) => explicit.to_string(),
            None => {
                let generated = self.ids.unique(&slugify(&self.heading_text));
                *id = Some(CowStr::from(generated.clone()));
                generated
            }
        };
        if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
            self.toc.push(TocEntry {
                level: level as u8,
                id: final_id,
                title: self.heading_text.trim().to_string(),
                children: Vec::new(),
            });
        }
    }

    /// Rewrites an `@/` link to a relative URL and remembers the line of every link target.
    fn resolve_link<'a>(&mut self, event: Event<'a>, offset: usize) -> Event<'a> {
        let Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) = event
        else {
            return event;
        };
        let line = self.lines.line_of(offset);
        let dest_url = match links::resolve(&dest_url, self.ctx.root, self.ctx.page_exists) {
            Some(Ok(url)) => CowStr::from(url),
            Some(Err(message)) => {
                self.error(offset, message);
                dest_url
            }
            None => dest_url,
        };
        self.link_lines.entry(dest_url.to_string()).or_insert(line);
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        })
    }

    /// Resolves `href="@/…"` inside raw HTML (diagrams, complex tables).
    fn resolve_raw_links(&mut self, html: &str, offset: usize) -> String {
        let mut result = String::with_capacity(html.len());
        let mut rest = html;
        let mut consumed = 0;
        while let Some(pos) = rest.find("\"@/") {
            let value_start = pos + 1;
            let Some(value_len) = rest[value_start..].find('"') else {
                break;
            };
            let dest = &rest[value_start..value_start + value_len];
            let at = offset + consumed + value_start;
            let line = self.lines.line_of(at);
            let replacement = match links::resolve(dest, self.ctx.root, self.ctx.page_exists) {
                Some(Ok(url)) => url,
                Some(Err(message)) => {
                    self.error(at, message);
                    dest.to_string()
                }
                None => dest.to_string(),
            };
            self.link_lines.entry(replacement.clone()).or_insert(line);
            result.push_str(&rest[..value_start]);
            result.push_str(&replacement);
            consumed += value_start + value_len;
            rest = &rest[value_start + value_len..];
        }
        result.push_str(rest);
        result
    }

    /// Remembers the line of every `href`/`src` value in raw HTML, so a broken one is reported
    /// at its line.
    fn record_raw_link_lines(&mut self, html: &str, offset: usize) {
        let lower = html.to_ascii_lowercase();
        for attr in ["href=", "src="] {
            for (at, _) in lower.match_indices(attr) {
                let start = at + attr.len();
                let Some(quote) = html[start..]
                    .chars()
                    .next()
                    .filter(|c| matches!(c, '"' | '\''))
                else {
                    continue;
                };
                let value_start = start + 1;
                let Some(len) = html[value_start..].find(quote) else {
                    continue;
                };
                let line = self.lines.line_of(offset + value_start);
                self.link_lines
                    .entry(html[value_start..value_start + len].to_string())
                    .or_insert(line);
            }
        }
    }

    /// Raw HTML passes through, with `@/` links resolved; text inside a raw `<a>` gets no term link.
    fn raw_html<'a>(&mut self, html: CowStr<'a>, offset: usize) -> CowStr<'a> {
        let html = if html.contains(CONTENT_LINK_PREFIX) {
            CowStr::from(self.resolve_raw_links(&html, offset))
        } else {
            html
        };
        self.record_raw_link_lines(&html, offset);
        let lower = html.to_ascii_lowercase();
        let opens = lower.matches("<a ").count() + lower.matches("<a>").count();
        let closes = lower.matches("</a>").count();
        self.no_terms = (self.no_terms + opens).saturating_sub(closes);
        html
    }

    fn text<'a>(&mut self, text: CowStr<'a>, out: &mut Vec<Event<'a>>) {
        let matcher = match self.ctx.terms {
            Some(matcher) if self.no_terms == 0 => matcher,
            _ => {
                out.push(Event::Text(text));
                return;
            }
        };
        let Some(pieces) = matcher.split(&text, &mut self.linked) else {
            out.push(Event::Text(text));
            return;
        };
        for piece in pieces {
            match piece {
                Piece::Plain(range) => out.push(Event::Text(text[range].to_string().into())),
                Piece::Term { range, id } => {
                    let mut href = String::new();
                    let url = format!(
                        "{}{}#term-{}",
                        self.ctx.root,
                        self.ctx.glossary_url,
                        matcher.id(id)
                    );
                    let _ = escape_html(&mut href, &url);
                    out.push(Event::InlineHtml(
                        format!("<a class=\"term\" href=\"{href}\">").into(),
                    ));
                    out.push(Event::Text(text[range].to_string().into()));
                    out.push(Event::InlineHtml("</a>".into()));
                }
            }
        }
    }
}

/// If `events[index]` opens a `표:` paragraph directly followed by a table, the index of its end.
fn caption_paragraph(events: &[Spanned], index: usize) -> Option<usize> {
    if !matches!(events.get(index), Some((Event::Start(Tag::Paragraph), _))) {
        return None;
    }
    match events.get(index + 1) {
        Some((Event::Text(text), _)) if text.trim_start().starts_with(CAPTION_PREFIX) => {}
        _ => return None,
    }
    let end = events[index..]
        .iter()
        .position(|(event, _)| matches!(event, Event::End(TagEnd::Paragraph)))?
        + index;
    match events.get(end + 1) {
        Some((Event::Start(Tag::Table(_)), _)) => Some(end),
        _ => None,
    }
}

/// Plain text of a caption paragraph's inline events.
fn caption_text(inner: &[Spanned]) -> Option<String> {
    let mut text = String::new();
    for (event, _) in inner {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    let text = text
        .trim_start()
        .strip_prefix(CAPTION_PREFIX)?
        .trim()
        .to_string();
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::Term;

    fn term(id: &str, name: &str) -> Term {
        Term {
            id: id.into(),
            term: name.into(),
            aliases: Vec::new(),
            full: None,
            definition: String::new(),
            see: None,
            line: 1,
        }
    }

    fn render_with(
        body: &str,
        terms: Option<&TermMatcher>,
    ) -> Result<RenderedMarkdown, Vec<BuildError>> {
        let exists = |path: &str| matches!(path, "" | "notice" | "notice/annex-1");
        let ctx = MarkdownContext {
            shown_as: "content/notice/x.md",
            body_line: 5,
            root: "../../",
            page_exists: &exists,
            terms,
            glossary_url: "glossary/",
        };
        render(body, &ctx)
    }

    fn html(body: &str) -> String {
        match render_with(body, None) {
            Ok(rendered) => rendered.html,
            Err(errors) => panic!("{errors:?}"),
        }
    }

    #[test]
    fn headings_get_explicit_or_slug_ids_deduplicated_and_a_toc() {
        let rendered = render_with(
            "## 사업 목적\n\n## 사업 목적\n\n### 규모 {#scale}\n\n#### 깊은 제목\n",
            None,
        )
        .expect("renders");
        assert!(
            rendered
                .html
                .contains("<h2 id=\"사업-목적\">사업 목적</h2>"),
            "{}",
            rendered.html
        );
        assert!(
            rendered.html.contains("<h2 id=\"사업-목적-1\">"),
            "{}",
            rendered.html
        );
        assert!(
            rendered.html.contains("<h3 id=\"scale\">규모</h3>"),
            "{}",
            rendered.html
        );
        assert!(
            rendered.html.contains("<h4 id=\"깊은-제목\">"),
            "{}",
            rendered.html
        );
        let toc: Vec<(u8, &str, usize)> = rendered
            .toc
            .iter()
            .map(|e| (e.level, e.id.as_str(), e.children.len()))
            .collect();
        assert_eq!(toc, [(2, "사업-목적", 0), (2, "사업-목적-1", 1)]);
        assert_eq!(rendered.toc[1].children[0].id, "scale");
        assert_eq!(toc_len(&rendered.toc), 3);
    }

    fn entry(level: u8, id: &str) -> TocEntry {
        TocEntry {
            level,
            id: id.into(),
            title: id.into(),
            children: Vec::new(),
        }
    }

    fn shape(toc: &[TocEntry]) -> String {
        toc.iter()
            .map(|e| {
                if e.children.is_empty() {
                    e.id.clone()
                } else {
                    format!("{}({})", e.id, shape(&e.children))
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_heading_that_skips_a_level_is_an_error_at_its_line() {
        let errors = render_with("## 가\n\n#### 라\n", None)
            .err()
            .unwrap_or_default();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].line, Some(7));
        assert!(errors[0].message.contains("h2에서 h4"), "{errors:?}");
        let first = render_with("### 다\n", None).err().unwrap_or_default();
        assert!(first[0].message.contains("h1에서 h3"), "{first:?}");
        assert!(render_with("## 가\n\n### 나\n\n#### 다\n\n## 마\n", None).is_ok());
    }

    #[test]
    fn toc_nests_by_level_so_numbering_counts_one_level() {
        // notice 03: h2, three h3, h2, four h3 → two top entries, not eight.
        let flat = [
            (2, "a"),
            (3, "a1"),
            (3, "a2"),
            (3, "a3"),
            (2, "b"),
            (3, "b1"),
            (3, "b2"),
        ]
        .map(|(l, id)| entry(l, id))
        .to_vec();
        assert_eq!(shape(&nest_toc(flat)), "a(a1 a2 a3) b(b1 b2)");
        // A deeper heading first stays at the top; h4 under h3 nests two deep.
        let flat = [(3, "x"), (2, "a"), (3, "a1"), (4, "a1i"), (2, "b")]
            .map(|(l, id)| entry(l, id))
            .to_vec();
        let nested = nest_toc(flat);
        assert_eq!(shape(&nested), "x a(a1(a1i)) b");
        assert_eq!(toc_len(&nested), 5);
    }

    #[test]
    fn caption_paragraph_becomes_the_table_caption_with_scoped_cells() {
        let out = html("표: 지원 한도 {#limits}\n\n| 구분 | 한도 |\n|---|--:|\n| 정부 | 4억원 |\n");
        assert!(!out.contains("<p>"), "{out}");
        assert!(
            out.contains("<div class=\"table-wrap table-fit\">"),
            "{out}"
        );
        assert!(
            out.contains("<table id=\"limits\"><caption id=\"limits-caption\">지원 한도</caption>"),
            "{out}"
        );
        assert!(out.contains("<thead><tr><th scope=\"col\">구분</th><th scope=\"col\" class=\"align-right\">한도</th></tr></thead>"), "{out}");
        assert!(out.contains("<tbody><tr><th scope=\"row\">정부</th><td class=\"align-right\">4억원</td></tr></tbody></table></div>"), "{out}");
    }

    #[test]
    fn wide_markdown_tables_reflow_with_header_labels_and_authors_can_choose() {
        let out = html("표: 수수료 {#fee}\n\n| 구분 | 수수료 | `비고` |\n|---|---|---|\n| 1천만원 미만 | 10만원 | 부가세 제외 |\n");
        assert!(
            out.contains(
                "<div class=\"table-wrap table-reflow\"><table id=\"fee\" role=\"table\">"
            ),
            "{out}"
        );
        assert!(out.contains("<thead role=\"rowgroup\"><tr role=\"row\"><th scope=\"col\" role=\"columnheader\">구분</th>"), "{out}");
        assert!(out.contains("<tbody role=\"rowgroup\"><tr role=\"row\"><th scope=\"row\" role=\"rowheader\" data-label=\"구분\">1천만원 미만</th><td role=\"cell\" data-label=\"수수료\">10만원</td><td role=\"cell\" data-label=\"비고\">부가세 제외</td></tr></tbody>"), "{out}");
        let scroll = html("표: 넓은 표 {.scroll}\n\n| a | b | c |\n|---|---|---|\n| 1 | 2 | 3 |\n");
        assert!(scroll.contains("<div class=\"table-wrap table-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"넓은-표-caption\"><table id=\"넓은-표\"><caption id=\"넓은-표-caption\">넓은 표</caption><thead><tr>"), "{scroll}");
        assert!(!scroll.contains("data-label"), "{scroll}");
        let errors = render_with("표: 표 {.wide}\n\n| a |\n|---|\n| 1 |\n", None)
            .err()
            .unwrap_or_default();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].message.contains("`.wide`"), "{errors:?}");
        assert_eq!(errors[0].line, Some(5));
    }

    #[test]
    fn a_raw_reflow_table_gets_labels_and_a_merged_cell_in_one_is_an_error() {
        let raw = "문단\n\n<div class=\"table-wrap table-reflow\">\n<table id=\"t\">\n<caption>표</caption>\n\
                   <thead>\n<tr><th scope=\"col\">문제점</th><th scope=\"col\">단계</th></tr>\n</thead>\n\
                   <tbody>\n<tr><td>느림</td><td>3단계</td></tr>\n</tbody>\n</table>\n</div>\n";
        let out = html(raw);
        assert!(
            out.contains("<td role=\"cell\" data-label=\"문제점\">느림</td><td role=\"cell\" data-label=\"단계\">3단계</td>"),
            "{out}"
        );
        let merged = raw.replace("<td>느림", "<td rowspan=\"2\">느림");
        let errors = render_with(&merged, None).err().unwrap_or_default();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].line, Some(7), "{errors:?}");
    }

    #[test]
    fn caption_directly_above_the_table_works_too() {
        let out = html("표: 일정\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(
            out.contains("<caption id=\"일정-caption\">일정</caption>"),
            "{out}"
        );
    }

    #[test]
    fn table_without_caption_is_an_error_at_its_line() {
        let errors = render_with("문단\n\n| a |\n|---|\n| 1 |\n", None)
            .err()
            .unwrap_or_default();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, Some(7));
    }

    #[test]
    fn content_links_become_relative_and_missing_pages_fail() {
        let out = html("[붙임](@/notice/annex-1.md#concurrent-restriction) [홈](@/_index.md)");
        assert!(
            out.contains("href=\"../../notice/annex-1/#concurrent-restriction\""),
            "{out}"
        );
        assert!(out.contains("href=\"../../\""), "{out}");
        let raw = html("<a href=\"@/notice/_index.md#a\">공고</a>");
        assert!(raw.contains("href=\"../../notice/#a\""), "{raw}");
        let errors = render_with("\n[x](@/nope.md)", None)
            .err()
            .unwrap_or_default();
        assert_eq!(errors.first().and_then(|e| e.line), Some(6));
    }

    #[test]
    fn terms_link_once_and_only_in_ordinary_text() {
        let terms = [term("ai", "AI"), term("dt", "디지털 트윈")];
        let matcher = TermMatcher::new(&terms).expect("terms");
        let body = "## AI 개요\n\n[AI 링크](https://example.org) `AI` AIDT 그리고 AI와 AI.\n\n\
                    표: AI 표\n\n| 디지털 트윈 | 값 |\n|---|---|\n| 1 | 2 |\n";
        let out = render_with(body, Some(&matcher)).expect("renders").html;
        assert!(out.contains("<h2 id=\"ai-개요\">AI 개요</h2>"), "{out}");
        assert!(out.contains("<code>AI</code> AIDT 그리고 <a class=\"term\" href=\"../../glossary/#term-ai\">AI</a>와 AI."), "{out}");
        assert_eq!(out.matches("#term-ai").count(), 1, "{out}");
        assert!(
            out.contains("<caption id=\"ai-표-caption\">AI 표</caption>"),
            "{out}"
        );
        assert!(out.contains("<th scope=\"col\"><a class=\"term\" href=\"../../glossary/#term-dt\">디지털 트윈</a></th>"), "{out}");
    }
}
