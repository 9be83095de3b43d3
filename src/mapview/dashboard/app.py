"""mapview: the dashboard entry point (`streamlit run app.py`)."""

import streamlit as st

from mapview.ui.page import run

st.set_page_config(page_title="mapview: ICC arrest obligations", page_icon="🗺️", layout="wide")
run()
