"""Situation reports: one read of the store (`build_report_data`) rendered as HTML, Markdown or
PDF (`render_report`) with charts and a map."""

from frontlines.report.data import ReportData, build_report_data
from frontlines.report.render import FORMATS, render_report
from frontlines.report.request import ReportRequest, check_period

__all__ = [
    "FORMATS",
    "ReportData",
    "ReportRequest",
    "build_report_data",
    "check_period",
    "render_report",
]
