"""Play / step control that walks a list of frames (months, years) one at a time."""
from __future__ import annotations

import time
from typing import Callable, Sequence, TypeVar

import streamlit as st

from geo.i18n import _

T = TypeVar("T")
PLAY_SECONDS = 1.2


def frame_player(key: str, frames: Sequence[T], describe: Callable[[T], str], label: str) -> T | None:
    """Return the frame to show, or None when the user is not animating.

    While playing, ``keep_playing`` (called at the end of the page) advances one frame per
    PLAY_SECONDS; playback stops by itself at the last frame.
    """
    index_key, playing_key = f"{key}__index", f"{key}__playing"
    if not frames:
        return None
    if not st.toggle(label, key=f"{key}__animate", help=_("Show one frame at a time; step or play through them.")):
        st.session_state[playing_key] = False
        return None
    last = len(frames) - 1
    index = min(max(st.session_state.get(index_key, 0), 0), last)
    playing = st.session_state.get(playing_key, False)
    back, play, forward = st.columns(3)
    # Icon-only buttons: three labelled buttons do not fit the sidebar's width.
    if back.button(":material/skip_previous:", help=_("Back one frame"), key=f"{key}__back", width="stretch"):
        index, playing = max(index - 1, 0), False
    if play.button(":material/pause:" if playing else ":material/play_arrow:", help=_("Pause") if playing else _("Play"),
                   key=f"{key}__play", width="stretch"):
        playing = not playing
        if playing and index == last:
            index = 0
    if forward.button(":material/skip_next:", help=_("Next frame"), key=f"{key}__forward", width="stretch"):
        index, playing = min(index + 1, last), False
    st.session_state[index_key], st.session_state[playing_key] = index, playing
    st.caption(_("Frame {n} of {total}: **{frame}**").format(n=index + 1, total=len(frames), frame=describe(frames[index])))
    return frames[index]


def keep_playing(key: str, frame_count: int) -> None:
    """Call last on the page: while playing, wait, move one frame on and rerun the whole app.

    A plain full rerun (not a fragment timer) keeps st.navigation in charge of the page.
    """
    index_key, playing_key = f"{key}__index", f"{key}__playing"
    if not st.session_state.get(playing_key):
        return
    time.sleep(PLAY_SECONDS)
    index = st.session_state.get(index_key, 0) + 1
    st.session_state[index_key] = min(index, frame_count - 1)
    if index >= frame_count - 1:
        st.session_state[playing_key] = False
    st.rerun()
