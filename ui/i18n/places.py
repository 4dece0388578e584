"""Place names in English: a region code as its places in Hanyu Pinyin, smallest first, as
China's own English signs and addresses write them (GB/T 17693): `440304` -> 'Futian District,
Shenzhen, Guangdong'. A reader of English cannot read 广东省深圳市福田区, nor ask for it."""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin, load_phrases_dict

from kiosk.domain.identity import region_levels

PROVINCES = {
    "11": "Beijing", "12": "Tianjin", "13": "Hebei", "14": "Shanxi", "15": "Inner Mongolia",
    "21": "Liaoning", "22": "Jilin", "23": "Heilongjiang", "31": "Shanghai", "32": "Jiangsu",
    "33": "Zhejiang", "34": "Anhui", "35": "Fujian", "36": "Jiangxi", "37": "Shandong",
    "41": "Henan", "42": "Hubei", "43": "Hunan", "44": "Guangdong", "45": "Guangxi",
    "46": "Hainan", "50": "Chongqing", "51": "Sichuan", "52": "Guizhou", "53": "Yunnan",
    "54": "Xizang", "61": "Shaanxi", "62": "Gansu", "63": "Qinghai", "64": "Ningxia",
    "65": "Xinjiang", "71": "Taiwan", "81": "Hong Kong", "82": "Macao",
}  # fmt: skip
"""By the code's first two digits: their English names are fixed by usage, not by spelling
(Shaanxi is not Shanxi, Inner Mongolia is not Nei Mongol)."""

KINDS = (
    ("自治县", "Autonomous County"), ("自治州", "Autonomous Prefecture"),
    ("自治旗", "Autonomous Banner"), ("林区", "Forest District"), ("地区", "Prefecture"),
    ("新区", "New Area"), ("区", "District"), ("县", "County"), ("旗", "Banner"),
    ("盟", "League"), ("市", ""),
)  # fmt: skip
"""A name's last characters say what kind of place it is; a city is named without "City", as
on China's own English road signs. Longest first: 自治县 before 县."""

# Place names read otherwise than the same characters as a word (朝阳 'morning sun' is zhāoyáng;
# the districts are Cháoyáng). pypinyin reads the rest by its phrase dictionary.
load_phrases_dict({"朝阳": [["cháo"], ["yáng"]], "乐亭": [["lào"], ["tíng"]]})


def pinyin(name: str) -> str:
    """'西安' -> "Xi'an": syllables joined, an apostrophe before one that starts with a, o, e."""
    syllables = lazy_pinyin(name, style=Style.NORMAL, v_to_u=True)
    word = syllables[0] if syllables else ""
    for syllable in syllables[1:]:
        word += ("'" if syllable[:1] in ("a", "o", "e") else "") + syllable
    return word[:1].upper() + word[1:]


def english_place(name: str) -> str:
    for suffix, kind in KINDS:
        if name.endswith(suffix) and len(name) > len(suffix):
            proper = pinyin(name[: -len(suffix)])
            return f"{proper} {kind}" if kind else proper
    return pinyin(name)


def english_region(code: str) -> str | None:
    """A region code's places in English, smallest first; None for a code no table knows."""
    levels = region_levels(code)
    if levels is None:
        return None
    province = PROVINCES.get(code[:2])
    if province is None:
        names = [english_place(name) for name in levels]
    else:
        names = [province, *(english_place(name) for name in levels[1:])]
    return ", ".join(dict.fromkeys(reversed(names)))
