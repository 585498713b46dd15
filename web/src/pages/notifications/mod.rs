//! The member's notifications (what the bell counts): newest first, only the unread ones if
//! asked, each opened or marked read, all read at once; and the topics they also get by email.

use leptos::prelude::*;
use leptos_router::Lazy;
use leptos_router::components::Route;
use leptos_router::hooks::use_navigate;
use leptos_router::path;
use openapi::automation::{NotificationOut, NotificationSettings, NotificationTopic};

use crate::api::{self, ApiError};
use crate::components::{Bell, ErrorNote, FormProblem, Loading, Pager, Saved, listing};
use crate::format;
use crate::i18n::{I18n, t};
use crate::pages::{Module, group};
use crate::session::Session;

lazy_pages!(notifications: NotificationsPage => Notifications);

/// The bell of the top bar leads here; no link of its own.
pub const MODULE: Module = Module {
    nav: None,
    routes: || {
        group(
            view! { <Route path=path!("/notifications") view={Lazy::<NotificationsPage>::new()} /> }
                .into_inner(),
        )
    },
};

fn topic_key(topic: NotificationTopic) -> &'static str {
    match topic {
        NotificationTopic::Orders => "notification-topic-orders",
        NotificationTopic::Stock => "notification-topic-stock",
        NotificationTopic::Logistics => "notification-topic-logistics",
        NotificationTopic::Finance => "notification-topic-finance",
        NotificationTopic::Webhooks => "notification-topic-webhooks",
        NotificationTopic::Other => "notification-topic-other",
    }
}

#[component]
pub fn Notifications() -> impl IntoView {
    let session = Session::get();
    let pager = Pager::new();
    let unread_only = RwSignal::new(false);
    let changed = RwSignal::new(0u32);
    let failed = RwSignal::new(None::<ApiError>);
    let rows = LocalResource::new(move || {
        changed.track();
        let only = unread_only.get();
        let cursor = pager.cursor();
        async move { api::notifications::notifications(session, only, cursor).await }
    });
    Effect::new(move |_| {
        unread_only.track();
        pager.restart();
    });
    let read_all = Action::new_local(move |_: &()| async move {
        match api::notifications::read_all(session).await {
            Ok(_) => {
                changed.update(|n| *n += 1);
                Bell::ring();
            }
            Err(error) => failed.set(Some(error)),
        }
    });
    view! {
        <section>
            <h1>{move || t("notifications-title")}</h1>
            <div class="filters">
                <label class="check">
                    <input type="checkbox" name="unread-only" bind:checked=unread_only />
                    {move || t("notifications-unread-only")}
                </label>
                <button type="button" class="secondary" data-testid="read-all"
                    on:click=move |_| { read_all.dispatch(()); }>{move || t("notifications-read-all")}</button>
            </div>
            <FormProblem failed />
            {listing(rows, pager, "notifications stack",
                &["notification-text", "notification-topic", "notification-when", "notification-actions"],
                move |n: NotificationOut| view! { <Row n changed /> })}
            <EmailTopics />
        </section>
    }
}

#[component]
fn Row(n: NotificationOut, changed: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let navigate = use_navigate();
    let locale = move || I18n::get().locale();
    let zone = session.store_timezone();
    let (id, created, topic, read) = (n.id, n.created_at, n.topic, n.read);
    let failed = RwSignal::new(None::<ApiError>);
    let link = n.link.clone();
    let mark = Action::new_local(move |open: &bool| {
        let then = open.then(|| link.clone()).flatten();
        let navigate = navigate.clone();
        async move {
            let marked = if read {
                Ok(())
            } else {
                api::notifications::mark_read(session, id).await.map(|_| ())
            };
            match marked {
                Ok(()) => {
                    Bell::ring();
                    match then {
                        Some(href) => navigate(&href, Default::default()),
                        None => changed.update(|n| *n += 1),
                    }
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    let class = if read {
        "notification"
    } else {
        "notification unread"
    };
    view! {
        <tr class=class data-testid="notification">
            <td data-label=move || t("notification-text")>
                {(!read).then(|| view! { <span class="visually-hidden">{move || t("notification-unread")}</span> })}
                {n.text.clone()}
            </td>
            <td data-label=move || t("notification-topic")>{move || t(topic_key(topic))}</td>
            <td data-label=move || t("notification-when")>{move || format::date_time_in(created, &zone, locale())}</td>
            <td data-label=move || t("notification-actions")>
                {n.link.is_some().then(|| view! {
                    <button type="button" class="secondary" data-testid="open-notification"
                        on:click=move |_| { mark.dispatch(true); }>{move || t("notification-open")}</button>
                })}
                {(!read).then(|| view! {
                    <button type="button" class="link" data-testid="mark-read"
                        on:click=move |_| { mark.dispatch(false); }>{move || t("notification-mark-read")}</button>
                })}
                {move || failed.get().map(|error| view! { <ErrorNote error /> })}
            </td>
        </tr>
    }
}

/// The topics the member also gets by email.
#[component]
fn EmailTopics() -> impl IntoView {
    let session = Session::get();
    let settings = LocalResource::new(move || api::notifications::settings(session));
    view! {
        <section class="card" aria-labelledby="email-topics">
            <h2 id="email-topics">{move || t("notifications-email-topics")}</h2>
            <p class="muted">{move || t("notifications-email-hint")}</p>
            <Suspense fallback=|| view! { <Loading /> }>
                {move || settings.get().map(|answer| match answer {
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                    Ok(found) => view! { <TopicsForm found /> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn TopicsForm(found: NotificationSettings) -> impl IntoView {
    let session = Session::get();
    let topics = RwSignal::new(found.email_topics);
    let failed = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(false);
    let save = Action::new_local(move |_: &()| {
        let input = NotificationSettings {
            email_topics: topics.get_untracked(),
        };
        async move {
            match api::notifications::save_settings(session, &input).await {
                Ok(saved) => {
                    topics.set(saved.email_topics);
                    failed.set(None);
                    done.set(true);
                }
                Err(error) => {
                    done.set(false);
                    failed.set(Some(error));
                }
            }
        }
    });
    view! {
        <form on:submit=move |ev| {
            ev.prevent_default();
            save.dispatch(());
        }>
            <fieldset class="settings-scopes">
                <legend class="visually-hidden">{move || t("notifications-email-topics")}</legend>
                {NotificationTopic::ALL.into_iter().map(|topic| view! {
                    <label class="check">
                        <input type="checkbox" name="email-topic"
                            prop:checked=move || topics.with(|s| s.contains(&topic))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                done.set(false);
                                topics.update(|s| {
                                    s.retain(|x| *x != topic);
                                    if on {
                                        s.push(topic);
                                    }
                                });
                            } />
                        {move || t(topic_key(topic))}
                    </label>
                }).collect_view()}
            </fieldset>
            <button type="submit" data-testid="save-topics">{move || t("save")}</button>
            <Saved done />
            <FormProblem failed />
        </form>
    }
}
