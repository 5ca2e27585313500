"""Brazilian cities with their centre coordinates, shared by the data set and the nearby searches."""

# (city, UF, latitude, longitude) — city centres.
CITIES = [
    ("São Paulo", "SP", -23.5505, -46.6333), ("Rio de Janeiro", "RJ", -22.9068, -43.1729),
    ("Brasília", "DF", -15.7939, -47.8828), ("Salvador", "BA", -12.9777, -38.5016),
    ("Fortaleza", "CE", -3.7319, -38.5267), ("Belo Horizonte", "MG", -19.9167, -43.9345),
    ("Manaus", "AM", -3.1190, -60.0217), ("Curitiba", "PR", -25.4284, -49.2733),
    ("Recife", "PE", -8.0476, -34.8770), ("Goiânia", "GO", -16.6869, -49.2648),
    ("Belém", "PA", -1.4558, -48.4902), ("Porto Alegre", "RS", -30.0346, -51.2177),
    ("Guarulhos", "SP", -23.4538, -46.5333), ("Campinas", "SP", -22.9099, -47.0626),
    ("São Luís", "MA", -2.5307, -44.3068), ("Maceió", "AL", -9.6658, -35.7353),
    ("Natal", "RN", -5.7945, -35.2110), ("Teresina", "PI", -5.0920, -42.8038),
    ("Campo Grande", "MS", -20.4697, -54.6201), ("João Pessoa", "PB", -7.1195, -34.8450),
    ("Florianópolis", "SC", -27.5954, -48.5480), ("Cuiabá", "MT", -15.6014, -56.0979),
    ("Aracaju", "SE", -10.9472, -37.0731), ("Vitória", "ES", -20.3155, -40.3128),
    ("Porto Velho", "RO", -8.7612, -63.9004), ("Macapá", "AP", 0.0349, -51.0694),
    ("Boa Vista", "RR", 2.8235, -60.6758), ("Rio Branco", "AC", -9.9754, -67.8249),
    ("Palmas", "TO", -10.1840, -48.3336), ("Santos", "SP", -23.9608, -46.3336),
    ("Niterói", "RJ", -22.8832, -43.1034), ("Joinville", "SC", -26.3045, -48.8487),
    ("Londrina", "PR", -23.3045, -51.1696), ("Ribeirão Preto", "SP", -21.1775, -47.8103),
    ("Uberlândia", "MG", -18.9186, -48.2772), ("Juiz de Fora", "MG", -21.7642, -43.3503),
    ("Caxias do Sul", "RS", -29.1678, -51.1794), ("Feira de Santana", "BA", -12.2664, -38.9663),
    ("Ilhéus", "BA", -14.7936, -39.0463), ("Paraty", "RJ", -23.2178, -44.7131),
]
# Bigger cities get more mutirões.
CITY_WEIGHTS = [12, 9, 5, 5, 5, 5, 4, 4, 4, 3, 3, 4] + [2] * 18 + [1] * 10
