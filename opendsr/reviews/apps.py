from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "opendsr.reviews"
    label = "reviews"
