import factory

from indgang.accounts.models import User

DEFAULT_PASSWORD = "korrekt-hest-batteri-haefteklamme"


class UserFactory(factory.django.DjangoModelFactory):
    """A staff user; `UserFactory(roles=["front_desk"])` puts them in role groups."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"medarbejder{n}")
    first_name = "Mette"
    last_name = factory.Sequence(lambda n: f"Hansen{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@demo.kommune.dk")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        from django.contrib.auth.models import Group

        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))
        if create:
            self.save()
