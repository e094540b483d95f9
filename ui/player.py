"""Play / step control that walks a list of frames (months, years) one at a time."""
from __future__ import annotations

from typing import Callable, Sequence, TypeVar

import streamlit as st

T = TypeVar("T")
PLAY_SECONDS = 1.5


def frame_player(key: str, frames: Sequence[T], describe: Callable[[T], str], label: str) -> T | None:
    """Return the frame to show, or None when the user is not animating.

    While playing, a fragment ticks every PLAY_SECONDS, advances one frame and reruns the page;
    it stops by itself at the last frame.
    """
    index_key, playing_key, tick_key = f"{key}__index", f"{key}__playing", f"{key}__tick"
    if not frames:
        return None
    if not st.toggle(label, key=f"{key}__animate", help="Show one frame at a time; step or play through them."):
        st.session_state[playing_key] = False
        return None
    last = len(frames) - 1
    index = min(max(st.session_state.get(index_key, 0), 0), last)
    playing = st.session_state.get(playing_key, False)
    back, play, forward = st.columns(3)
    if back.button("◀ Step", key=f"{key}__back", width="stretch"):
        index, playing = max(index - 1, 0), False
    if play.button("⏸ Pause" if playing else "▶ Play", key=f"{key}__play", width="stretch"):
        playing = not playing
        if playing and index == last:
            index = 0
    if forward.button("Step ▶", key=f"{key}__forward", width="stretch"):
        index, playing = min(index + 1, last), False
    st.session_state[index_key], st.session_state[playing_key] = index, playing
    st.caption(f"Frame {index + 1} of {len(frames)}: **{describe(frames[index])}**")
    if playing:
        st.session_state[tick_key] = "page"
        _ticker(index_key, playing_key, tick_key, last)
    return frames[index]


@st.fragment(run_every=PLAY_SECONDS)
def _ticker(index_key: str, playing_key: str, tick_key: str, last: int) -> None:
    # Called once by the page run itself (ignore that), then by the timer.
    if st.session_state.get(tick_key) == "page":
        st.session_state[tick_key] = "timer"
        return
    if not st.session_state.get(playing_key):
        return
    index = st.session_state.get(index_key, 0) + 1
    st.session_state[index_key] = min(index, last)
    if index >= last:
        st.session_state[playing_key] = False
    st.rerun()
