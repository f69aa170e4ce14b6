"""Personal data under the person's control (GDPR): what the platform holds about someone, and
how it is erased when they delete their account.

`registry` is where apps on higher floors declare their models that hold personal data (from
their `AppConfig.ready()`: accounts never imports them); `export` builds the JSON a person
downloads; `erase` carries out an account deletion. docs/personal-data.md describes both.
"""
