"""Site settings, Pelican style. Every TIMELINE_*/BULLETIN_* setting is
listed with its default and meaning in generator/settings.py and the README.
"""

# AUTHOR = "The editors"  # who signs the feeds; unset, the feeds are signed with SITENAME
SITENAME = "Syria conflict bulletin"
SITESUBTITLE = "Daily bulletins and a timeline built from news reports"
SITEURL = ""
RELATIVE_URLS = True

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%A %d %B %Y"
LOCALE = ("C.UTF-8", "C")

THEME = "theme"
PLUGIN_PATHS = ["."]
PLUGINS = ["generator"]
# Rebuilds parse only changed files (the plugin reloads the cache only while the code
# and settings that read them are unchanged: generator/readcache.py); extraction
# results are cached too, in CACHE_PATH/timeline (TIMELINE_CACHE_PATH).
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
STATIC_CHECK_IF_MODIFIED = True  # copy a static file only when it changed

# Articles keep their original address under Source_url; these keep Pelican
# from using anything but the slug for our own pages.
ARTICLE_URL = "articles/{slug}/"
ARTICLE_SAVE_AS = "articles/{slug}/index.html"
ARTICLE_LANG_URL = "articles/{slug}-{lang}/"
ARTICLE_LANG_SAVE_AS = "articles/{slug}-{lang}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
# Our home page shows the latest bulletin; Pelican's article list moves to /articles/.
INDEX_SAVE_AS = "articles/index.html"
ARCHIVES_SAVE_AS = "archives/index.html"
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = "category/{slug}/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
# No list of tags: the reports are indexed by place and event type (places/, types/); a tagged
# report still gets its tag's page. Set TAGS_SAVE_AS = "tags.html" for the list.
TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
DEFAULT_PAGINATION = 20

# Pelican's own article feeds stay on; the bulletin feeds are the plugin's.
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
# Every feed (Pelican's and the plugin's bulletin, metric and place feeds, Atom, RSS and JSON)
# carries at most this many entries, the newest; each entry's `updated` is the latest publication
# date of the reports behind it, never the build time, so an unchanged entry stays unchanged.
FEED_MAX_ITEMS = 100
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Content from the web is untrusted: raw HTML in articles is sanitised by the
# plugin before it reaches a page or a feed.
TYPOGRAPHY = False

# --- the timeline plugin (see generator/settings.py for every setting) ---
TIMELINE_COUNTRIES = ["SY"]          # gazetteer: provinces and towns of these countries
TIMELINE_PLACE_ALIASES = {}          # extra spellings, merged over the shipped ones
TIMELINE_KEY_METRICS = ["killed", "injured", "ceasefire_violations", "evacuated"]
TIMELINE_DATE_ORDER = "DMY"          # how to read 05/06/2016
TIMELINE_BULLETIN_URL = "bulletins/{date}/"
TIMELINE_BULLETIN_SAVE_AS = "bulletins/{date}/index.html"
