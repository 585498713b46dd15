//! Sales channels: the list, a new one, archive and restore.

use leptos::prelude::*;
use openapi::auth::Permission;
use openapi::catalog::{ChannelIn, ChannelKind, ChannelOut, ChannelPatch, Status};

use super::{bump, may};
use crate::api::{self, ApiError};
use crate::components::{Choice, ErrorNote, Field, FormProblem, Pager, listing, new_key};
use crate::i18n::t;
use crate::session::Session;

const KINDS: [(ChannelKind, &str); 3] = [
    (ChannelKind::Web, "settings-channel-kind-web"),
    (
        ChannelKind::Marketplace,
        "settings-channel-kind-marketplace",
    ),
    (ChannelKind::Physical, "settings-channel-kind-physical"),
];

fn kind_key(kind: ChannelKind) -> &'static str {
    KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or("settings-channel-kind-web", |(_, key)| key)
}

#[component]
pub fn Channels() -> impl IntoView {
    let session = Session::get();
    let manage = may(Permission::ChannelsManage);
    let pager = Pager::new();
    let changed = RwSignal::new(0u32);
    // What went wrong archiving or restoring a row.
    let failed = RwSignal::new(None::<ApiError>);
    let channels = LocalResource::new(move || {
        changed.track();
        let cursor = pager.cursor();
        async move { api::catalog::all_channels(session, cursor).await }
    });
    let headers: &'static [&'static str] = if manage {
        &[
            "settings-channel-name",
            "settings-channel-kind",
            "settings-channel-status",
            "settings-actions",
        ]
    } else {
        &[
            "settings-channel-name",
            "settings-channel-kind",
            "settings-channel-status",
        ]
    };
    view! {
        <section class="settings-section" aria-labelledby="settings-channels">
            <h2 id="settings-channels">{move || t("settings-channels")}</h2>
            {manage.then(|| view! { <NewChannel changed /> })}
            {move || failed.get().map(|error| view! { <ErrorNote error /> })}
            {listing(channels, pager, "settings-channels", headers,
                move |channel: ChannelOut| view! { <ChannelRow channel manage changed failed /> })}
        </section>
    }
}

#[component]
fn ChannelRow(
    channel: ChannelOut,
    manage: bool,
    changed: RwSignal<u32>,
    failed: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let session = Session::get();
    let (id, kind, version) = (channel.id, channel.kind, channel.version);
    let archived = channel.status == Status::Archived;
    let toggle = Action::new_local(move |_: &()| {
        let patch = ChannelPatch {
            status: Some(if archived {
                Status::Active
            } else {
                Status::Archived
            }),
            ..ChannelPatch::default()
        };
        async move {
            match api::catalog::update_channel(session, id, &patch, version).await {
                Ok(_) => {
                    failed.set(None);
                    bump(changed);
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    let (status_key, button_key) = if archived {
        ("settings-channel-archived", "settings-channel-restore")
    } else {
        ("settings-channel-active", "settings-channel-archive")
    };
    view! {
        <tr class:settings-archived=archived>
            <td>{channel.name}</td>
            <td>{move || t(kind_key(kind))}</td>
            <td>{move || t(status_key)}</td>
            {manage.then(|| view! {
                <td>
                    <button type="button" class="secondary" disabled=move || toggle.pending().get()
                        on:click=move |_| { toggle.dispatch(()); }>
                        {move || t(button_key)}
                    </button>
                </td>
            })}
        </tr>
    }
}

#[component]
fn NewChannel(changed: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new(ChannelKind::Web.as_str().to_owned());
    let failed = RwSignal::new(None::<ApiError>);
    let key = RwSignal::new(new_key());
    let create = Action::new_local(move |_: &()| {
        let channel = ChannelIn {
            name: name.get_untracked(),
            kind: ChannelKind::parse(&kind.get_untracked()),
        };
        let idempotency_key = key.get_untracked();
        async move {
            match api::catalog::create_channel(session, &channel, idempotency_key).await {
                Ok(_) => {
                    failed.set(None);
                    name.set(String::new());
                    key.set(new_key());
                    bump(changed);
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    view! {
        <form class="inline settings-new" data-testid="new-channel" on:submit=move |ev| {
            ev.prevent_default();
            create.dispatch(());
        }>
            <Field label="settings-channel-name" name="channel_name" value=name failed field="name"
                required=true />
            <Choice label="settings-channel-kind" name="channel_kind" value=kind failed field="kind">
                {KINDS.into_iter().map(|(k, label)| view! {
                    <option value=k.as_str() selected=k == ChannelKind::Web>{move || t(label)}</option>
                }).collect_view()}
            </Choice>
            <button type="submit" disabled=move || create.pending().get()>
                {move || t("settings-channel-create")}
            </button>
        </form>
        <FormProblem failed />
    }
}
