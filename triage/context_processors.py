from django.conf import settings


def phone_numbers(request):
    return {
        "EMERGENCY_NUMBER": settings.EMERGENCY_NUMBER,
        "NON_EMERGENCY_NUMBER": settings.NON_EMERGENCY_NUMBER,
        "CONTACT_EMAIL": settings.CONTACT_EMAIL,
    }
