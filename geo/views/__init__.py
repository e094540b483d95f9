"""Page logic that is not layout: choices, labels, frames and exports for each page (no streamlit here)."""
