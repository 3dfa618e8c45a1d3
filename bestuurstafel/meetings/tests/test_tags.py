"""Numbers in the meeting pages: one decimal, rounded half up, in the reader's language."""

from django.utils import translation

from bestuurstafel.meetings.templatetags.meetings_tags import filesize, hours


def test_hours_round_half_up_with_the_languages_decimal_sign() -> None:
    with translation.override("nl"):
        assert [hours(v) for v in (6.25, 7.75, 1.5, 4.0)] == ["6,3", "7,8", "1,5", "4"]
        assert filesize(21 * 1024 * 1024) == "21,0 MB"
    with translation.override("en"):
        assert [hours(v) for v in (6.25, 4.0)] == ["6.3", "4"]
        assert filesize(int(1.55 * 1024 * 1024)) == "1.5 MB"
