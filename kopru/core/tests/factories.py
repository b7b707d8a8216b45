"""Factories of the foundation's models, and the base every app's factories use."""

from __future__ import annotations

import io
import uuid
from typing import Any

import factory
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from factory.django import DjangoModelFactory
from PIL import Image

from kopru.accounts.models import Role, User
from kopru.core.models import ImageStatus, Job, StoredImage
from kopru.geo.models import District, Province
from kopru.offices.models import Office
from kopru.organisations.models import Organisation, OrganisationType


class KopruFactory(DjangoModelFactory):
    """Creates through the unscoped base manager and fills derived fields.

    Office-owned models' default managers refuse to run outside an office scope;
    test set-up is not such a query, so factories write through ``_base_manager``.
    """

    class Meta:
        abstract = True

    @classmethod
    def _get_manager(cls, model_class: Any) -> Any:
        return model_class._base_manager

    @classmethod
    def _create(cls, model_class: Any, *args: Any, **kwargs: Any) -> Any:
        m2m = {
            k: kwargs.pop(k)
            for k in list(kwargs)
            if k in {f.name for f in model_class._meta.many_to_many}
        }
        obj = model_class(*args, **kwargs)
        refresh = getattr(obj, "refresh_derived", None)
        if callable(refresh):
            refresh()
        obj.save(force_insert=True)
        for name, values in m2m.items():
            getattr(obj, name).set(values)
        return obj


def province(plate: str) -> Province:
    return Province.objects.get(plate=plate)


class OfficeFactory(KopruFactory):
    class Meta:
        model = Office

    province = factory.LazyFunction(lambda: province("10"))
    slug = factory.LazyAttribute(lambda o: o.province.name_search.replace(" ", "-"))
    name_tr = factory.LazyAttribute(
        lambda o: f"{o.province.name} Valiliği Avrupa Birliği ve Dış İlişkiler Bürosu"
    )
    name_en = factory.LazyAttribute(
        lambda o: f"Governorship of {o.province.name} EU and Foreign Relations Office"
    )


class OrganisationFactory(KopruFactory):
    class Meta:
        model = Organisation

    office = factory.SubFactory(OfficeFactory)
    name = factory.Sequence(lambda n: f"Deneme Derneği {n}")
    type = OrganisationType.NGO
    district = factory.LazyAttribute(
        lambda o: District.objects.filter(province=o.office.province).order_by("name_sort").first()
    )
    is_public = True


class UserFactory(KopruFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"kullanici{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Kullanıcı {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    role = Role.EXPERT
    office = factory.SubFactory(OfficeFactory)
    password = factory.django.Password("test-Pass-2026")


class JobFactory(KopruFactory):
    class Meta:
        model = Job

    office = factory.SubFactory(OfficeFactory)
    kind = "test.job"
    title = factory.Sequence(lambda n: f"Deneme işi {n}")


class StoredImageFactory(KopruFactory):
    """A processed image record (its rendition files are not written: see
    ``kopru.core.tests.imagefiles.uploaded_image`` for a real one)."""

    class Meta:
        model = StoredImage

    office = factory.SubFactory(OfficeFactory)
    status = ImageStatus.READY
    alt_tr = factory.Sequence(lambda n: f"Toplantı salonunda katılımcılar {n}")
    alt_en = factory.Sequence(lambda n: f"Participants in the meeting room {n}")
    width = 1600
    height = 1067
    renditions = factory.LazyFunction(lambda: _tiny_renditions())


def _tiny_renditions() -> dict[str, Any]:
    """Real (tiny) files in the storage, so that serving views answer 200."""
    result: dict[str, Any] = {}
    folder = f"images/test/{uuid.uuid4().hex}"
    for name, w in (("thumb", 480), ("card", 960), ("large", 1600)):
        result[name] = {"width": w, "height": round(w * 2 / 3)}
        for ext, fmt in (("jpg", "JPEG"), ("webp", "WEBP")):
            out = io.BytesIO()
            Image.new("RGB", (6, 4), (30, 90, 160)).save(out, fmt)
            result[name][ext] = default_storage.save(
                f"{folder}/{name}.{ext}", ContentFile(out.getvalue())
            )
    return result
