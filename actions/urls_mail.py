from django.urls import path

from actions import views_mail

urlpatterns = [
    path("unsubscribe/<str:token>/", views_mail.unsubscribe, name="unsubscribe"),
]
