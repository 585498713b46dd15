//! Tables of one API list: loading, error and empty states, and cursor paging.

use leptos::prelude::*;

use super::{Empty, ErrorNote, Loading};
use crate::api::ApiError;
use crate::i18n::t;

/// Where a list is: the cursor of the page shown, and the ones before it (for "previous").
#[derive(Clone, Copy)]
pub struct Pager {
    cursor: RwSignal<Option<String>>,
    earlier: RwSignal<Vec<Option<String>>>,
}

impl Default for Pager {
    fn default() -> Pager {
        Pager::new()
    }
}

impl Pager {
    pub fn new() -> Pager {
        Pager {
            cursor: RwSignal::new(None),
            earlier: RwSignal::new(Vec::new()),
        }
    }

    /// The cursor to ask the API for (tracked: the list reloads when it changes).
    pub fn cursor(&self) -> Option<String> {
        self.cursor.get()
    }

    /// Back to the first page (when a filter changes).
    pub fn restart(&self) {
        self.earlier.set(Vec::new());
        self.cursor.set(None);
    }

    fn next(&self, cursor: String) {
        let current = self.cursor.get_untracked();
        self.earlier.update(|e| e.push(current));
        self.cursor.set(Some(cursor));
    }

    fn previous(&self) {
        let mut back = None;
        self.earlier.update(|e| back = e.pop().flatten());
        self.cursor.set(back);
    }

    fn has_previous(&self) -> bool {
        self.earlier.with(|e| !e.is_empty())
    }
}

/// A list page's table: headers (message keys), a row per item, and previous/next buttons
/// when there is more.
pub fn listing<T, R, V>(
    items: LocalResource<Result<openapi::Page<T>, ApiError>>,
    pager: Pager,
    class: &'static str,
    headers: &'static [&'static str],
    row: R,
) -> impl IntoView
where
    T: Clone + 'static,
    R: Fn(T) -> V + Copy + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| view! { <Loading /> }>
            {move || items.get().map(|answer| match answer {
                Err(error) => view! { <ErrorNote error /> }.into_any(),
                Ok(page) if page.items.is_empty() && !pager.has_previous() => {
                    view! { <Empty /> }.into_any()
                }
                Ok(page) => {
                    let next = page.next_cursor.clone();
                    view! {
                        <div class="table-wrap">
                            <table class=class>
                                <thead><tr>
                                    {headers.iter().map(|key| view! { <th scope="col">{move || t(key)}</th> }).collect_view()}
                                </tr></thead>
                                <tbody>{page.items.into_iter().map(row).collect_view()}</tbody>
                            </table>
                        </div>
                        <nav class="pages" aria-label=move || t("pages")>
                            {pager.has_previous().then(|| view! {
                                <button class="secondary" on:click=move |_| pager.previous()>
                                    {move || t("page-previous")}
                                </button>
                            })}
                            {next.map(|cursor| view! {
                                <button class="secondary" on:click=move |_| pager.next(cursor.clone())>
                                    {move || t("page-next")}
                                </button>
                            })}
                        </nav>
                    }.into_any()
                }
            })}
        </Suspense>
    }
}
