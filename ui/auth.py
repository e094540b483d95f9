"""Optional sign-in through an OpenID Connect provider (Streamlit's ``st.login``), off unless it is configured.

Configured means Streamlit's secrets hold an ``[auth]`` section. On a server, ``deploy/serve.sh`` writes that section
from the environment with ``python -m ui.auth`` (see docs/hosting.md); nothing secret is committed.
"""
from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping

import streamlit as st

from geo.i18n import _

from .link_state import plain

# [auth] key → environment variable that supplies it.
AUTH_ENV = {
    "server_metadata_url": "ATLAS_OIDC_METADATA_URL",
    "client_id": "ATLAS_OIDC_CLIENT_ID",
    "client_secret": "ATLAS_OIDC_CLIENT_SECRET",
    "cookie_secret": "ATLAS_COOKIE_SECRET",
}


def secrets_toml(env: Mapping[str, str]) -> str:
    """The ``[auth]`` section of Streamlit's secrets from ``env``; raises ValueError naming what is missing."""
    missing = [name for name in (*AUTH_ENV.values(), "ATLAS_PUBLIC_URL") if not env.get(name)]
    if missing:
        raise ValueError(f"sign-in is configured but these are not set: {', '.join(missing)}")
    values = {key: env[name] for key, name in AUTH_ENV.items()}
    values["redirect_uri"] = env["ATLAS_PUBLIC_URL"].rstrip("/") + "/oauth2callback"
    # JSON strings are valid TOML basic strings (same escapes), so no value can break out of its line.
    return "[auth]\n" + "".join(f"{key} = {json.dumps(value)}\n" for key, value in sorted(values.items()))


def configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: sign-in is off  # noqa: BLE001
        return False


def _sign_in_screen() -> None:
    st.title(_("Border Corridors Atlas"))
    st.write(_("This dashboard is for signed-in members of the team."))
    st.button(_("Sign in"), type="primary", on_click=st.login, icon=":material/login:")


def require_sign_in(pages: list) -> None:
    """When sign-in is configured, show only a sign-in button until the visitor has signed in; then say who is
    signed in, with a sign-out button, in the sidebar of every page."""
    if not configured():
        return
    if not st.user.is_logged_in:
        # Every page address shows the sign-in screen (a link to /ports stays valid for after), with no page list.
        stand_ins = [st.Page(_sign_in_screen, title=page.title, default=not page.url_path,  # default's path is ""
                             url_path=page.url_path or None) for page in pages]
        st.navigation(stand_ins, position="hidden").run()
        st.stop()
    who = st.user.get("name") or st.user.get("email") or st.user.get("sub") or _("signed in")
    with st.sidebar:
        st.caption(_("Signed in as **{who}**").format(who=plain(str(who))))
        st.button(_("Sign out"), on_click=st.logout, icon=":material/logout:", key="atlas_sign_out")


if __name__ == "__main__":
    try:
        sys.stdout.write(secrets_toml(os.environ))
    except ValueError as exc:
        sys.exit(f"error: {exc}")
