"""Pure core of the corridor capacity dashboard (no Streamlit below the page layer)."""
