"""The panel's own partner-search page: renewing a responder's private link."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from kopru.accounts.http import OfficeRequest
from kopru.core.errors import ApplicationError

from .. import services
from ..permissions import access_answer
from .shared import area_url


def answer_link_renew(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    """Staff revoke the responder's private link; the new one goes to their address."""
    answer = access_answer(request.user, pk)  # another office's answer: 404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.answer_link_renew(answer=answer, actor=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Eski bağlantı artık açılmıyor; yenisi yanıt verenin adresine gönderildi.")
        )
    return redirect(area_url(request, "answer", pk=answer.pk))
