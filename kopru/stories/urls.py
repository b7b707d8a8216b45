from django.urls import path

from kopru.core.routing import office_path

from .models import Quote, Story, StoryPhoto
from .views import panel, public

S = {"pk": Story}

panel_patterns = [
    path("hikayeler/", panel.story_list, name="list"),
    path("hikayeler/yeni/", panel.story_create, name="create"),
    office_path("hikayeler/<int:pk>/", panel.story_detail, name="detail", models=S),
    office_path("hikayeler/<int:pk>/duzenle/", panel.story_edit, name="edit", models=S),
    office_path("hikayeler/<int:pk>/yayimla/", panel.story_publish, name="publish", models=S),
    office_path(
        "hikayeler/<int:pk>/taslaga-al/", panel.story_unpublish, name="unpublish", models=S
    ),
    office_path("hikayeler/<int:pk>/arsivle/", panel.story_archive, name="archive", models=S),
    office_path(
        "hikayeler/<int:pk>/proje-bilgileri/", panel.story_refresh, name="refresh", models=S
    ),
    office_path("hikayeler/<int:pk>/alinti/", panel.quote_add, name="quote_add", models=S),
    office_path(
        "hikayeler/<int:pk>/alinti/<int:quote_pk>/sil/",
        panel.quote_remove,
        name="quote_remove",
        models={"pk": Story, "quote_pk": Quote},
    ),
    office_path("hikayeler/<int:pk>/foto/", panel.photo_add, name="photo_add", models=S),
    office_path(
        "hikayeler/<int:pk>/foto/<int:photo_pk>/sil/",
        panel.photo_remove,
        name="photo_remove",
        models={"pk": Story, "photo_pk": StoryPhoto},
    ),
    office_path(
        "hikayeler/foto/<int:photo_pk>/<str:rendition>",
        panel.photo_file,
        name="photo_file",
        models={"photo_pk": StoryPhoto, "rendition": "card.jpg"},
    ),
]

public_patterns = [
    path("hikayeler/", public.public_list, name="list"),
    office_path("hikayeler/<int:pk>/", public.public_detail, name="detail", models=S),
    office_path(
        "hikayeler/foto/<int:photo_pk>/<str:rendition>",
        public.photo_file,
        name="photo_file",
        models={"photo_pk": StoryPhoto, "rendition": "card.jpg"},
    ),
]
