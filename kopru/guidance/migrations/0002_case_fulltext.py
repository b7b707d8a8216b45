from django.db import migrations

from kopru.core.search import CreateFullTextIndex


class Migration(migrations.Migration):
    dependencies = [("guidance", "0001_initial")]

    operations = [CreateFullTextIndex("case")]
