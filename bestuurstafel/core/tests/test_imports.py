import io

import pytest

from bestuurstafel.core.imports import ImportFailed, RowError, read_table, resolve_columns


def test_it_reads_csv_with_semicolons_and_a_bom() -> None:
    table = read_table(io.BytesIO("\ufeffNaam;Sector\nA;b\n\n".encode()), "x.csv")
    assert table.columns == ["naam", "sector"]
    assert table.rows == [(2, {"naam": "A", "sector": "b"})]


def test_it_reads_cp1252() -> None:
    table = read_table(io.BytesIO("naam,plaats\nCoöperatie,Zeist\n".encode("cp1252")), "x.csv")
    assert table.rows[0][1]["naam"] == "Coöperatie"


def test_a_row_with_too_many_values_is_reported() -> None:
    with pytest.raises(ImportFailed) as failed:
        read_table(io.BytesIO(b"a;b\n1;2;3\n"), "x.csv")
    assert (
        str(failed.value.errors[0])
        == "Rij 2: Deze rij heeft meer waarden dan de kopregel kolommen heeft."
    )


def test_empty_and_broken_files_are_reported() -> None:
    for data, name in [(b"", "x.csv"), (b"not a zip", "x.xlsx"), (b"x", "x.pdf")]:
        with pytest.raises(ImportFailed):
            read_table(io.BytesIO(data), name)


def test_column_aliases_and_missing_columns() -> None:
    table = read_table(io.BytesIO(b"GemeentecodeGM;Naam\nGM0310;De Bilt\n"), "x.csv")
    found = resolve_columns(
        table, {"gemeentecode": ("gemeentecodegm",), "gemeentenaam": ("naam",)}, {"gemeentecode"}
    )
    assert found == {"gemeentecode": "gemeentecodegm", "gemeentenaam": "naam"}
    with pytest.raises(ImportFailed) as failed:
        resolve_columns(table, {"provincie": ()}, {"provincie"})
    assert failed.value.errors == [
        RowError(None, "provincie", "deze verplichte kolom ontbreekt in het bestand")
    ]
