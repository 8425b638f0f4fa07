"""One module per section, as a newsroom has one desk per beat.

Each module's ``DISPATCHES`` lists the stories its desk filed for the demo;
``..dispatches`` files them under the section the module is named after.
"""
