//! Members and roles: who is in the store, their role, removing them; invitations.

use leptos::prelude::*;
use openapi::auth::Permission;
use openapi::tenancy::{InvitationIn, InvitationOut, MemberOut, MemberPatch, Role};

use super::{bump, confirmed, is_owner, may, role_options};
use crate::api::{self, ApiError};
use crate::components::{Choice, ErrorNote, Field, FormProblem, Pager, listing, new_key, role_key};
use crate::format;
use crate::i18n::{I18n, message, t};
use crate::session::Session;

#[component]
pub fn Members() -> impl IntoView {
    let manage = may(Permission::MembersManage);
    let invited = RwSignal::new(0u32);
    view! {
        <section class="settings-section" aria-labelledby="settings-members">
            <h2 id="settings-members">{move || t("settings-members")}</h2>
            <MemberList manage />
            <h3>{move || t("settings-invitations")}</h3>
            {manage.then(|| view! { <Invite invited /> })}
            <InvitationList manage invited />
        </section>
    }
}

#[component]
fn MemberList(manage: bool) -> impl IntoView {
    let session = Session::get();
    let pager = Pager::new();
    let changed = RwSignal::new(0u32);
    let failed = RwSignal::new(None::<ApiError>);
    let members = LocalResource::new(move || {
        changed.track();
        let cursor = pager.cursor();
        async move { api::tenancy::members(session, cursor).await }
    });
    let headers: &'static [&'static str] = if manage {
        &[
            "settings-member-name",
            "settings-member-email",
            "settings-member-role",
            "settings-actions",
        ]
    } else {
        &[
            "settings-member-name",
            "settings-member-email",
            "settings-member-role",
        ]
    };
    view! {
        {move || failed.get().map(|error| view! { <ErrorNote error /> })}
        {listing(members, pager, "settings-members", headers,
            move |member: MemberOut| view! { <MemberRow member manage changed failed /> })}
    }
}

#[component]
fn MemberRow(
    member: MemberOut,
    manage: bool,
    changed: RwSignal<u32>,
    failed: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let session = Session::get();
    let (id, role, version) = (member.id, member.role, member.version);
    let me = untrack(|| {
        session.0.with(|s| {
            s.me.as_ref()
                .and_then(|me| me.user.as_ref())
                .is_some_and(|user| user.id == member.user_id)
        })
    });
    // Only an owner changes an owner (the API says so too).
    let editable = manage && (role != Role::Owner || is_owner());
    let answered = move |answer: Result<(), ApiError>| {
        failed.set(answer.err());
        // Reloads on failure too, so the role select shows the role kept.
        bump(changed);
    };
    let change = Action::new_local(move |role: &Role| {
        let patch = MemberPatch { role: *role };
        async move {
            let changed = api::tenancy::change_role(session, id, &patch, version).await;
            answered(changed.map(|_| ()));
        }
    });
    let remove = Action::new_local(move |_: &()| async move {
        answered(api::tenancy::remove_member(session, id).await);
    });
    let name = member.name.clone();
    let ask_remove = move |_| {
        if confirmed("settings-member-remove-confirm", &[("name", name.clone())]) {
            remove.dispatch(());
        }
    };
    let busy = move || change.pending().get() || remove.pending().get();
    view! {
        <tr>
            <td>
                {member.name}
                {me.then(|| view! { " " <small>{move || t("settings-member-you")}</small> })}
            </td>
            <td>{member.email}</td>
            <td>
                {if editable {
                    view! {
                        <select name="member_role" aria-label=move || t("settings-member-role")
                            disabled=busy
                            on:change=move |ev| {
                                if let Some(role) = Role::parse(&event_target_value(&ev)) {
                                    change.dispatch(role);
                                }
                            }>
                            {role_options(role)}
                        </select>
                    }.into_any()
                } else {
                    view! { <span>{move || t(role_key(role))}</span> }.into_any()
                }}
            </td>
            {manage.then(|| view! {
                <td>
                    {editable.then(|| view! {
                        <button type="button" class="secondary settings-danger" disabled=busy
                            on:click=ask_remove.clone()>
                            {move || t("settings-member-remove")}
                        </button>
                    })}
                </td>
            })}
        </tr>
    }
}

#[component]
fn Invite(invited: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let email = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Staff.as_str().to_owned());
    let failed = RwSignal::new(None::<ApiError>);
    let sent = RwSignal::new(None::<String>);
    let key = RwSignal::new(new_key());
    let invite = Action::new_local(move |_: &()| {
        sent.set(None);
        let invitation = InvitationIn {
            email: email.get_untracked().trim().to_owned(),
            role: Role::parse(&role.get_untracked()).unwrap_or(Role::Staff),
        };
        let idempotency_key = key.get_untracked();
        async move {
            let answer = api::tenancy::invite(session, &invitation, idempotency_key).await;
            match answer {
                // The token goes by email: the page does not need to show it.
                Ok(created) => {
                    failed.set(None);
                    sent.set(Some(created.email));
                    email.set(String::new());
                    key.set(new_key());
                    bump(invited);
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    view! {
        <form class="inline settings-new" data-testid="invite-member" on:submit=move |ev| {
            ev.prevent_default();
            invite.dispatch(());
        }>
            <Field label="settings-invite-email" name="invite_email" value=email failed
                field="email" kind="email" required=true />
            <Choice label="settings-invite-role" name="invite_role" value=role failed field="role">
                {role_options(Role::Staff)}
            </Choice>
            <button type="submit" disabled=move || invite.pending().get()>
                {move || t("settings-invite-submit")}
            </button>
        </form>
        {move || sent.get().map(|email| view! {
            <p class="settings-saved" role="status">
                {move || message(I18n::get().locale(), "settings-invite-sent", &[("email", email.clone())])}
            </p>
        })}
        <FormProblem failed />
    }
}

fn invitation_status_key(status: &str) -> Option<&'static str> {
    match status {
        "pending" => Some("settings-invitation-pending"),
        "accepted" => Some("settings-invitation-accepted"),
        "revoked" => Some("settings-invitation-revoked"),
        "expired" => Some("settings-invitation-expired"),
        _ => None,
    }
}

#[component]
fn InvitationList(manage: bool, invited: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let pager = Pager::new();
    let failed = RwSignal::new(None::<ApiError>);
    let invitations = LocalResource::new(move || {
        invited.track();
        let cursor = pager.cursor();
        async move { api::tenancy::invitations(session, cursor).await }
    });
    let headers: &'static [&'static str] = if manage {
        &[
            "settings-invite-email",
            "settings-invite-role",
            "settings-invitation-status",
            "settings-invitation-expires",
            "settings-actions",
        ]
    } else {
        &[
            "settings-invite-email",
            "settings-invite-role",
            "settings-invitation-status",
            "settings-invitation-expires",
        ]
    };
    view! {
        {move || failed.get().map(|error| view! { <ErrorNote error /> })}
        {listing(invitations, pager, "settings-invitations", headers,
            move |invitation: InvitationOut| view! { <InvitationRow invitation manage invited failed /> })}
    }
}

#[component]
fn InvitationRow(
    invitation: InvitationOut,
    manage: bool,
    invited: RwSignal<u32>,
    failed: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let session = Session::get();
    let id = invitation.id;
    let revoke = Action::new_local(move |_: &()| async move {
        let answer = api::tenancy::revoke_invitation(session, id).await;
        if answer.is_ok() {
            bump(invited);
        }
        failed.set(answer.err());
    });
    let email = invitation.email.clone();
    let ask_revoke = move |_| {
        if confirmed(
            "settings-invitation-revoke-confirm",
            &[("email", email.clone())],
        ) {
            revoke.dispatch(());
        }
    };
    let status = invitation.status.clone();
    let status_text = move || invitation_status_key(&status).map_or_else(|| status.clone(), t);
    let pending = invitation.status == "pending";
    let (role, expires) = (invitation.role, invitation.expires_at);
    view! {
        <tr>
            <td>{invitation.email}</td>
            <td>{move || t(role_key(role))}</td>
            <td>{status_text}</td>
            <td>{move || format::date_time(expires, I18n::get().locale())}</td>
            {manage.then(|| view! {
                <td>
                    {pending.then(|| view! {
                        <button type="button" class="secondary settings-danger"
                            disabled=move || revoke.pending().get() on:click=ask_revoke.clone()>
                            {move || t("settings-invitation-revoke")}
                        </button>
                    })}
                </td>
            })}
        </tr>
    }
}
