"""Factories for officials (targets) and the ZIP → district table."""

import factory

from officials.models import Target, TargetOffice, ZipDistrict


class TargetFactory(factory.django.DjangoModelFactory):
    """A current House member by default; pass chamber/title for others."""

    bioguide_id = factory.Sequence(lambda n: f"T{n:06d}")
    chamber = Target.Chamber.HOUSE
    title = "Representative"
    first_name = factory.Sequence(lambda n: f"Pat{n}")
    last_name = "Example"
    full_name = factory.LazyAttribute(lambda o: f"{o.first_name} {o.last_name}")
    party = "Democrat"
    state = "MD"
    district = 1
    phone = "202-555-0100"
    website = "https://example.org/member"
    is_current = True

    class Meta:
        model = Target

    class Params:
        senator = factory.Trait(chamber=Target.Chamber.SENATE, title="Senator", district=None)
        custom = factory.Trait(
            bioguide_id="", chamber=Target.Chamber.OTHER, title="Governor", district=None
        )


class TargetOfficeFactory(factory.django.DjangoModelFactory):
    target = factory.SubFactory(TargetFactory)
    source_id = factory.Sequence(lambda n: f"office-{n}")
    city = "Baltimore"
    state = "MD"
    address = "1 Sample Street"
    phone = "410-555-0100"

    class Meta:
        model = TargetOffice


class ZipDistrictFactory(factory.django.DjangoModelFactory):
    zip_code = "21201"
    state = "MD"
    district = 1

    class Meta:
        model = ZipDistrict
