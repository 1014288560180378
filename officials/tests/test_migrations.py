"""Upgrading a database from the schema where officials lived in `actions` keeps every row.

The test migrates its database back to just before the move, writes a target, its office,
a ZIP row, an action's chosen official and the old content type (with a group permission
on it) through the old models, migrates forward, and reads them all back through the new
ones. Run it on PostgreSQL too (DATABASE_URL=postgres://...).
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection
from django.db.migrations.executor import MigrationExecutor

from actions.models import ActionTarget
from officials.models import Target, TargetOffice, ZipDistrict
from tests.factories_actions import ActionIndexPageFactory, UrgentActionPageFactory

MOVE = "move_officials_to_officials_app"


def _before_the_move(executor):
    """Migration targets that undo the move: `actions` at the parent of its move migration
    (found by name, so renumbering at merge does not break this) and no `officials`."""
    graph = executor.loader.graph
    (move,) = [key for key in graph.nodes if key[0] == "actions" and key[1].endswith(MOVE)]
    parents = [key for key in graph.node_map[move].parents if key[0] == "actions"]
    return [*(p.key for p in parents), ("officials", None)]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    # The next executor must see what was applied.
    return MigrationExecutor(connection)


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_upgrade_from_the_old_schema_keeps_officials_and_chosen_targets(home):
    page = UrgentActionPageFactory(parent=ActionIndexPageFactory(parent=home), slug="act")
    before = _before_the_move(MigrationExecutor(connection))
    executor = _migrate(before)
    try:
        old = executor.loader.project_state([t for t in before if t[1]]).apps
        assert "actions_target" in connection.introspection.table_names()

        # An old database has the content types of actions' models (migrating back
        # relabelled them), with permissions on them granted to a group.
        assert not ContentType.objects.filter(
            app_label="officials", model__in=["target", "targetoffice", "zipdistrict"]
        ).exists()
        OldContentType = old.get_model("contenttypes", "ContentType")
        old_ct, _ = OldContentType.objects.get_or_create(app_label="actions", model="target")
        change, _ = Permission.objects.get_or_create(
            content_type_id=old_ct.pk,
            codename="change_target",
            defaults={"name": "Can change target"},
        )
        editors = Group.objects.create(name="Officials editors")
        editors.permissions.add(change)

        OldTarget = old.get_model("actions", "Target")
        governor = OldTarget.objects.create(
            title="Governor", full_name="Rosa Márquez", chamber="other", phone="202-555-0101"
        )
        senator = OldTarget.objects.create(
            title="Senator",
            full_name="Ana Ruiz",
            chamber="senate",
            state="MD",
            bioguide_id="R000001",
        )
        old.get_model("actions", "TargetOffice").objects.create(
            target=senator, city="Baltimore", state="MD", phone="410-555-0100"
        )
        old.get_model("actions", "ZipDistrict").objects.create(
            zip_code="21201", state="MD", district=7
        )
        old.get_model("actions", "ActionTarget").objects.create(
            page_id=page.pk, target=governor, sort_order=0
        )
    finally:
        _migrate(_latest())
    ContentType.objects.clear_cache()

    tables = connection.introspection.table_names()
    assert {"officials_target", "officials_targetoffice", "officials_zipdistrict"} <= set(tables)
    assert "actions_target" not in tables

    chosen = ActionTarget.objects.get(page_id=page.pk)
    assert chosen.target.pk == governor.pk
    assert chosen.target.full_name == "Rosa Márquez"
    assert page.get_chosen_targets() == [chosen.target]
    moved = Target.objects.get(bioguide_id="R000001")
    assert [office.city for office in moved.offices.all()] == ["Baltimore"]
    assert list(ZipDistrict.objects.values_list("zip_code", "state", "district")) == [
        ("21201", "MD", 7)
    ]
    # The id sequence followed the table: a new target gets a fresh id.
    added = Target.objects.create(title="Director", full_name="Field Office")
    assert added.pk > senator.pk
    # Permissions granted on the old content type still apply to the moved model.
    ct = ContentType.objects.get_for_model(Target)
    assert ct.pk == old_ct.pk
    assert editors.permissions.filter(content_type=ct, codename="change_target").exists()
    # The unique rule on Congress's identifier survived the renamed constraint.
    assert Target._meta.constraints[0].name == "officials_target_unique_bioguide_id"
    with pytest.raises(IntegrityError):
        Target.objects.create(title="Senator", full_name="Copy", bioguide_id="R000001")
    assert TargetOffice.objects.count() == 1
