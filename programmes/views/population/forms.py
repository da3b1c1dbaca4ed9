"""The upload form of a population figures file."""

from django import forms

from programmes.population.parsing import HEADER, check_upload_size, max_upload_bytes, read_csv_bytes
from vru.forms import GovukFormMixin


class PopulationUploadForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label="Upload a CSV file",
        help_text=f"CSV UTF-8, with the columns {HEADER}, smaller than {max_upload_bytes() // (1024 * 1024)} MB.",
        error_messages={"required": "Select a CSV file.", "empty": "The selected file is empty."},
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        check_upload_size(uploaded.size)
        self.content = read_csv_bytes(uploaded.read(), file_name=uploaded.name)
        return uploaded
