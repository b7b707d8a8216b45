from django.urls import path

from kopru.core.models import StoredImage
from kopru.core.routing import office_path

from .feeds import NewsAtomFeed, NewsFeed
from .models import NewsAttachment, NewsItem
from .views import digest, panel, public

N = {"pk": NewsItem}
PHOTO = {"pk": NewsItem, "image": StoredImage}

public_patterns = [
    path("bulten/", digest.subscribe, name="digest"),
    path("bulten/onay/<str:token>/", digest.confirm, name="digest_confirm"),
    path("bulten/ayril/<str:token>/", digest.unsubscribe, name="digest_unsubscribe"),
    path("haberler/", public.public_list, name="list"),
    path("haberler/rss/", NewsFeed(), name="rss"),
    path("haberler/atom/", NewsAtomFeed(), name="atom"),
    path("haberler/rss/<slug:category>/", NewsFeed(), name="rss_category"),
    path("haberler/atom/<slug:category>/", NewsAtomFeed(), name="atom_category"),
    office_path("haberler/<int:pk>/", public.public_detail, name="detail", models=N),
    office_path(
        "haberler/<int:pk>/gorsel/<int:image>/<str:rendition>",
        public.public_photo,
        name="photo",
        models={**PHOTO, "rendition": "card.jpg"},
    ),
    office_path(
        "haberler/<int:pk>/ek/<int:attachment>/",
        public.public_attachment,
        name="attachment",
        models={"pk": NewsItem, "attachment": NewsAttachment},
    ),
]

panel_patterns = [
    path("haberler/", panel.news_list, name="list"),
    path("haberler/yeni/", panel.news_create, name="create"),
    office_path("haberler/<int:pk>/", panel.news_detail, name="detail", models=N),
    office_path("haberler/<int:pk>/duzenle/", panel.news_edit, name="edit", models=N),
    office_path("haberler/<int:pk>/yayimla/", panel.news_publish, name="publish", models=N),
    office_path("haberler/<int:pk>/taslaga-al/", panel.news_unpublish, name="unpublish", models=N),
    office_path("haberler/<int:pk>/arsivle/", panel.news_archive, name="archive", models=N),
    office_path("haberler/<int:pk>/one-cikar/", panel.news_feature, name="feature", models=N),
    office_path("haberler/<int:pk>/fotograf/", panel.photo_add, name="photo_add", models=N),
    office_path(
        "haberler/<int:pk>/fotograf/<int:image>/bilgiler/",
        panel.photo_consent,
        name="photo_consent",
        models=PHOTO,
    ),
    office_path(
        "haberler/<int:pk>/fotograf/<int:image>/kaldir/",
        panel.photo_remove,
        name="photo_remove",
        models=PHOTO,
    ),
    office_path(
        "gorseller/<int:image>/<str:rendition>",
        panel.photo_file,
        name="photo_file",
        models={"image": StoredImage, "rendition": "card.jpg"},
    ),
    office_path("haberler/<int:pk>/belge/", panel.attachment_add, name="attachment_add", models=N),
    office_path(
        "haberler/belge/<int:pk>/kaldir/",
        panel.attachment_remove,
        name="attachment_remove",
        models={"pk": NewsAttachment},
    ),
    office_path(
        "haberler/belge/<int:pk>/",
        panel.attachment_file,
        name="attachment_file",
        models={"pk": NewsAttachment},
    ),
]
