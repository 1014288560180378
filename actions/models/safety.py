"""Networks an organiser trusts for a while: an event's Wi-Fi, a partner's office.

Signatures from a listed network are never held for review however many arrive from one
address (see actions/ratelimit.py). Operators can also list networks in the
`ACTIONS_ALLOWED_NETWORKS` environment variable; this model is the admin-editable half.
"""

import ipaddress

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["AllowedNetwork", "validate_network"]


def validate_network(value):
    try:
        ipaddress.ip_network((value or "").strip(), strict=False)
    except ValueError:
        raise ValidationError(
            _("Enter an IP address or network, like 203.0.113.7 or 203.0.113.0/24."),
            code="invalid",
        ) from None


class AllowedNetworkQuerySet(models.QuerySet):
    def active(self):
        now = timezone.now()
        return self.filter(models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now))


class AllowedNetwork(models.Model):
    network = models.CharField(
        _("network"),
        max_length=64,
        validators=[validate_network],
        help_text=_("An address (203.0.113.7) or a network in CIDR form (203.0.113.0/24)."),
    )
    label = models.CharField(
        _("label"), max_length=120, help_text=_("What this is, e.g. “Vigil at city hall”.")
    )
    expires_at = models.DateTimeField(
        _("allowed until"),
        null=True,
        blank=True,
        help_text=_("After this time the network is treated like any other. Empty: no end."),
    )

    objects = AllowedNetworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("allowed network")
        verbose_name_plural = _("allowed networks")
        ordering = ["label"]

    def __str__(self):
        return f"{self.label} ({self.network})"

    def clean(self):
        super().clean()
        try:
            self.network = str(ipaddress.ip_network((self.network or "").strip(), strict=False))
        except ValueError:
            pass  # the field's validator reports it
