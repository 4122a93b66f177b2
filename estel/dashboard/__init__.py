"""The dashboard: store reads (`query`), pandas aggregation (`analytics`), plotly `charts`."""
