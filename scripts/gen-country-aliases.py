#!/usr/bin/env python3
"""Writes Schemas/country_aliases.tsv: alias<TAB>ISO 3166-1 alpha-2.

ISO names come from the `pycountry` package (pip install pycountry); the variants that bibliographic
databases write (Web of Science abbreviations, Scopus spellings, sub-national names, dissolved states)
are listed below by hand. Aliases are stored as written; scicollab folds them (case, accents,
punctuation) when it loads the table. Run from the repository root; the result is committed.
"""
import sys
import pycountry

MANUAL = """
# Common short names and variants
United States	US
United States of America	US
USA	US
U.S.A.	US
U.S.	US
US	US
America	US
United Kingdom	GB
UK	GB
U.K.	GB
Great Britain	GB
Britain	GB
England	GB
Scotland	GB
Wales	GB
Northern Ireland	GB
North Ireland	GB
Russia	RU
Russian Federation	RU
China	CN
P.R. China	CN
PR China	CN
P. R. China	CN
People's Republic of China	CN
Peoples R China	CN
Mainland China	CN
Taiwan	TW
Republic of China	TW
Taiwan, Province of China	TW
Hong Kong	HK
Hong Kong SAR	HK
Hong Kong SAR China	HK
Hong Kong, China	HK
Macao	MO
Macau	MO
Macao SAR	MO
Macau SAR	MO
Macao, China	MO
Macau, China	MO
Taiwan, China	TW
Taiwan, ROC	TW
South Korea	KR
Korea	KR
Republic of Korea	KR
Korea, Republic of	KR
Korea, South	KR
Korea Republic	KR
Rep of Korea	KR
North Korea	KP
Korea, North	KP
Democratic People's Republic of Korea	KP
Korea, Democratic People's Republic of	KP
Dem People's Republic Korea	KP
Iran	IR
Iran, Islamic Republic of	IR
Islamic Republic of Iran	IR
Viet Nam	VN
Vietnam	VN
Syria	SY
Laos	LA
Lao PDR	LA
Moldova	MD
Moldova, Republic of	MD
Republic of Moldova	MD
Tanzania	TZ
Tanzania, United Republic of	TZ
United Republic of Tanzania	TZ
Bolivia	BO
Venezuela	VE
Vatican	VA
Vatican City	VA
Holy See	VA
Czech Republic	CZ
Czechia	CZ
Slovak Republic	SK
Macedonia	MK
Republic of Macedonia	MK
North Macedonia	MK
Former Yugoslav Republic of Macedonia	MK
Turkey	TR
Turkiye	TR
Türkiye	TR
Brunei	BN
Brunei Darussalam	BN
Cape Verde	CV
Cabo Verde	CV
Ivory Coast	CI
Cote d'Ivoire	CI
Cote Ivoire	CI
Swaziland	SZ
Eswatini	SZ
Burma	MM
Myanmar	MM
East Timor	TL
Timor-Leste	TL
Palestine	PS
State of Palestine	PS
Palestinian Territories	PS
Palestinian Territory	PS
Micronesia	FM
Fed Sts Micronesia	FM
Micronesia, Federated States of	FM
Kosovo	XK
Curacao	CW
Reunion	RE
St Lucia	LC
Saint Lucia	LC
St Kitts & Nevi	KN
Saint Kitts and Nevis	KN
St Vincent	VC
Saint Vincent and the Grenadines	VC
Trinidad Tobago	TT
Trinidad and Tobago	TT
Antigua & Barbu	AG
Antigua and Barbuda	AG
Sao Tome & Prin	ST
Sao Tome and Principe	ST
Bosnia & Herceg	BA
Bosnia and Herzegovina	BA
Bosnia-Herzegovina	BA
Bosnia	BA
Papua N Guinea	PG
Papua New Guinea	PG
Dem Rep Congo	CD
Democratic Republic of the Congo	CD
Democratic Republic of Congo	CD
DR Congo	CD
Congo, The Democratic Republic of the	CD
Congo, Democratic Republic	CD
Rep Congo	CG
Republic of the Congo	CG
Republic of Congo	CG
Congo	CG
Congo, Republic	CG
Cent Afr Republ	CF
Central African Republic	CF
Dominican Rep	DO
Dominican Republic	DO
U Arab Emirates	AE
United Arab Emirates	AE
UAE	AE
Equat Guinea	GQ
Equatorial Guinea	GQ
Guinea Bissau	GW
Guinea-Bissau	GW
Solomon Isl	SB
Solomon Islands	SB
Marshall Island	MH
Marshall Islands	MH
Falkland Island	FK
Fr Polynesia	PF
French Polynesia	PF
French Guiana	GF
Fr Guiana	GF
New Caledonia	NC
Neth Antilles	CW
Netherlands Antilles	CW
Netherlands	NL
The Netherlands	NL
Holland	NL
Turks & Caicos	TC
Br Virgin Isl	VG
British Virgin Islands	VG
US Virgin Isl	VI
Faroe Islands	FO
Faeroe Isl	FO
Cayman Islands	KY
Libya	LY
Libyan Arab Jamahiriya	LY
Gambia	GM
The Gambia	GM
Bahamas	BS
The Bahamas	BS
Kyrgyzstan	KG
Kyrgyz Republic	KG
Belarus	BY
Byelarus	BY
Sri Lanka	LK
Guadeloupe	GP
Martinique	MQ
Greenland	GL
Puerto Rico	PR
Guam	GU
Monaco	MC
Liechtenstein	LI
San Marino	SM
Andorra	AD
Gibraltar	GI
Bermuda	BM
Montenegro	ME
Serbia	RS
Republic of Serbia	RS
Serbia Monteneg	RS
Serbia and Montenegro	RS
Ireland	IE
Republic of Ireland	IE
Irish Republic	IE
Eire	IE
Germany	DE
Federal Republic of Germany	DE
Deutschland	DE
Espana	ES
Italia	IT
Brasil	BR
Mexico	MX
Polska	PL
Suisse	CH
Schweiz	CH
Switzerland	CH
Osterreich	AT
Sverige	SE
Norge	NO
Danmark	DK
Nederland	NL
Belgique	BE
Belgie	BE
Espagne	ES
Allemagne	DE
Grece	GR
Hellas	GR
Greece	GR
Saudi Arabia	SA
Kingdom of Saudi Arabia	SA
KSA	SA
Singapore	SG
Republic of Singapore	SG
South Africa	ZA
Republic of South Africa	ZA
New Zealand	NZ
Aotearoa New Zealand	NZ
Australia	AU
Canada	CA
Japan	JP
India	IN
Pakistan	PK
Bangladesh	BD
Nepal	NP
Cyprus	CY
North Cyprus	CY
# Dissolved states map to their legal successor (documented in README.md)
USSR	RU
U.S.S.R.	RU
Soviet Union	RU
Yugoslavia	RS
Czechoslovakia	CZ
Fed Rep Ger	DE
West Germany	DE
Ger Dem Rep	DE
East Germany	DE
German Democratic Republic	DE
Zaire	CD
Rhodesia	ZW
# US states and their postal abbreviations, as Web of Science and PubMed write them
Alabama	US
Alaska	US
Arizona	US
Arkansas	US
California	US
Colorado	US
Connecticut	US
Delaware	US
District of Columbia	US
Florida	US
Hawaii	US
Idaho	US
Illinois	US
Indiana	US
Iowa	US
Kansas	US
Kentucky	US
Louisiana	US
Maine	US
Maryland	US
Massachusetts	US
Michigan	US
Minnesota	US
Mississippi	US
Missouri	US
Montana	US
Nebraska	US
Nevada	US
New Hampshire	US
New Jersey	US
New Mexico	US
New York	US
North Carolina	US
North Dakota	US
Ohio	US
Oklahoma	US
Oregon	US
Pennsylvania	US
Rhode Island	US
South Carolina	US
South Dakota	US
Tennessee	US
Texas	US
Utah	US
Vermont	US
Virginia	US
Washington	US
Washington DC	US
Washington D.C.	US
West Virginia	US
Wisconsin	US
Wyoming	US
AL	US
AK	US
AZ	US
AR	US
CA	US
CO	US
CT	US
DE	US
DC	US
FL	US
GA	US
HI	US
ID	US
IL	US
IN	US
IA	US
KS	US
KY	US
LA	US
ME	US
MD	US
MA	US
MI	US
MN	US
MS	US
MO	US
MT	US
NE	US
NV	US
NH	US
NJ	US
NM	US
NY	US
NC	US
ND	US
OH	US
OK	US
OR	US
PA	US
RI	US
SC	US
SD	US
TN	US
TX	US
UT	US
VT	US
VA	US
WA	US
WV	US
WI	US
WY	US
# Canadian provinces and territories, names and abbreviations
Alberta	CA
British Columbia	CA
Manitoba	CA
New Brunswick	CA
Newfoundland	CA
Newfoundland and Labrador	CA
Nova Scotia	CA
Ontario	CA
Prince Edward Island	CA
Quebec	CA
Saskatchewan	CA
Northwest Territories	CA
Nunavut	CA
Yukon	CA
AB	CA
BC	CA
MB	CA
NB	CA
NL	CA
NS	CA
ON	CA
PE	CA
PQ	CA
QC	CA
SK	CA
NT	CA
NU	CA
YT	CA
"""

# Georgia is both a country (GE) and a US state: the country wins as an alias; a US address in
# Georgia ends with "GA 30332 USA" or "GA 30332" and resolves through "USA" or "GA".
ISO_OVERRIDES = {"GE": ["Georgia"]}


def main() -> None:
    rows: dict[str, str] = {}
    order: list[str] = []

    def add(alias: str, code: str) -> None:
        key = alias.strip()
        if not key:
            return
        if key in rows and rows[key] != code:
            sys.exit(f"alias {key!r} maps to both {rows[key]} and {code}")
        if key not in rows:
            order.append(key)
        rows[key] = code

    for country in pycountry.countries:
        code = country.alpha_2
        add(country.name, code)
        for attr in ("official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                add(value, code)
    for line in MANUAL.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        alias, code = line.split("\t")
        add(alias, code)
    for code, aliases in ISO_OVERRIDES.items():
        for alias in aliases:
            add(alias, code)

    with open("Schemas/country_aliases.tsv", "w", encoding="utf-8") as out:
        out.write("# alias\tISO 3166-1 alpha-2 (generated by scripts/gen-country-aliases.py)\n")
        for alias in order:
            out.write(f"{alias}\t{rows[alias]}\n")


if __name__ == "__main__":
    main()
