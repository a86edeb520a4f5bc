//! [`CursorPaging`]: where a listing paged by opaque cursor is.

use std::collections::HashSet;

/// Paging by the API's opaque `next_cursor`: the cursor of the next request, and whether the
/// listing is over. Pure; the pagers of [`runs`](super::runs) hold one.
#[derive(Debug, Clone, Default)]
pub(crate) struct CursorPaging {
    next: Option<String>,
    used: HashSet<String>,
    done: bool,
}

impl CursorPaging {
    /// Paging from `cursor` (`None`: the first page).
    pub(crate) fn new(cursor: Option<String>) -> Self {
        Self {
            next: cursor,
            used: HashSet::new(),
            done: false,
        }
    }

    /// The cursor to send next (`None` for the first page).
    pub(crate) fn cursor(&self) -> Option<&str> {
        self.next.as_deref()
    }

    /// `true` once the last page was taken.
    pub(crate) fn is_done(&self) -> bool {
        self.done
    }

    /// Takes a page's `next_cursor`: none (or an empty one) ends the listing. A cursor that
    /// was already sent also ends it, with a warning: a server handing one out again would
    /// otherwise be paged forever.
    pub(crate) fn advance(&mut self, next_cursor: Option<String>) {
        if let Some(sent) = self.next.take() {
            self.used.insert(sent);
        }
        match next_cursor.filter(|c| !c.is_empty()) {
            Some(cursor) if self.used.contains(&cursor) => {
                tracing::warn!(%cursor, "the api repeated a page cursor; paging stops here");
                self.done = true;
            }
            Some(cursor) => self.next = Some(cursor),
            None => self.done = true,
        }
    }
}
