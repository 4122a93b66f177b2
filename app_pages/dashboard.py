"""Dashboard: filters, KPIs, charts and every saved session's report (estel/ui/dashboard_view)."""

from estel.ui.dashboard_view import render_dashboard_page

render_dashboard_page()
