<?php
/**
 * Plugin Name:       Customer Modules
 * Description:       News, FAQ and events from your POS back office on your website, in your theme's design; table booking, event registration, voucher shop and top-up as embedded pages.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * License:           MIT
 * Text Domain:       customer-modules
 *
 * Content (news, FAQ, events) is fetched on the server with wp_remote_get and
 * printed into the page as plain HTML, so search engines see it and the theme
 * styles it. Each fragment is kept in a transient for the cache lifetime and,
 * besides, as a last-known-good copy that is shown while our server is down.
 * Transaction elements print a custom element plus a <noscript> link; the
 * loader script is enqueued only on pages that use one.
 */

if (!defined('ABSPATH')) {
    exit;
}

const CM_OPTION = 'customer_modules_settings';
const CM_GENERATION = 'customer_modules_generation';
const CM_VERSION = '0.1.0';

/** The settings, with defaults. CUSTOMER_MODULES_URL in wp-config.php wins over the settings page. */
function cm_settings() {
    $s = get_option(CM_OPTION, array());
    $s = is_array($s) ? $s : array();
    $url = defined('CUSTOMER_MODULES_URL') ? (string) CUSTOMER_MODULES_URL : (isset($s['url']) ? (string) $s['url'] : '');
    return array(
        'url' => untrailingslashit(esc_url_raw($url)),
        'locale' => isset($s['locale']) && in_array($s['locale'], array('de', 'en', 'pt'), true) ? $s['locale'] : cm_site_locale(),
        'cache_seconds' => isset($s['cache_seconds']) ? max(0, min(86400, (int) $s['cache_seconds'])) : 300,
    );
}

function cm_site_locale() {
    $l = substr(get_locale(), 0, 2);
    return in_array($l, array('de', 'en', 'pt'), true) ? $l : 'en';
}

/** A language attribute as given (de, en, pt) or the configured one. */
function cm_locale($value) {
    $value = strtolower(substr(sanitize_key((string) $value), 0, 2));
    return in_array($value, array('de', 'en', 'pt'), true) ? $value : cm_settings()['locale'];
}

function cm_text($key, $locale) {
    $texts = array(
        'unavailable' => array('de' => 'Inhalt zurzeit nicht verfügbar.', 'en' => 'Content currently unavailable.', 'pt' => 'Conteúdo de momento indisponível.'),
        'not_configured' => array('de' => 'Customer Modules: bitte die Server-Adresse in den Einstellungen eintragen.', 'en' => 'Customer Modules: please enter the server address in the settings.', 'pt' => 'Customer Modules: indique o endereço do servidor nas definições.'),
        'booking' => array('de' => 'Tisch reservieren', 'en' => 'Book a table', 'pt' => 'Reservar mesa'),
        'event' => array('de' => 'Zur Anmeldung', 'en' => 'Register', 'pt' => 'Inscrever-se'),
        'vouchers' => array('de' => 'Gutscheine kaufen', 'en' => 'Buy vouchers', 'pt' => 'Comprar vales'),
        'top_up' => array('de' => 'Karte aufladen', 'en' => 'Top up a card', 'pt' => 'Carregar cartão'),
    );
    return isset($texts[$key][$locale]) ? $texts[$key][$locale] : $texts[$key]['en'];
}

/**
 * Keeps only plain markup of a fragment and re-encodes its JSON-LD: our server
 * sends sanitised HTML, and this site does not have to take that on trust.
 */
function cm_clean_fragment($html) {
    $ld = '';
    if (preg_match_all('#<script type="application/ld\+json">(.*?)</script>#s', $html, $m)) {
        foreach ($m[1] as $json) {
            $data = json_decode($json, true);
            if (is_array($data)) {
                $ld .= '<script type="application/ld+json">' . wp_json_encode($data, JSON_HEX_TAG | JSON_HEX_AMP | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE) . '</script>';
            }
        }
        $html = preg_replace('#<script\b.*?</script>#s', '', $html);
    }
    $allowed = wp_kses_allowed_html('post');
    foreach (array('section', 'article', 'details', 'summary', 'time', 'div', 'p', 'h3', 'img') as $tag) {
        $allowed[$tag] = array_merge(isset($allowed[$tag]) ? $allowed[$tag] : array(), array('class' => true, 'id' => true, 'lang' => true, 'aria-label' => true, 'datetime' => true));
    }
    return wp_kses($html, $allowed) . $ld;
}

/**
 * A fragment of our server: from the transient while it is fresh, else fetched
 * (and kept as the last-known-good copy); when the server cannot be reached,
 * the last-known-good copy, however old. null when there has never been one.
 */
function cm_fragment($path, $args) {
    $s = cm_settings();
    if ($s['url'] === '') {
        return null;
    }
    $url = add_query_arg(array_map('rawurlencode', array_merge(array('format' => 'html'), $args)), $s['url'] . $path);
    $generation = (int) get_option(CM_GENERATION, 0);
    $key = 'cm_' . md5($url);
    $transient = $key . '_' . $generation;
    $cached = get_transient($transient);
    if (is_string($cached)) {
        return $cached;
    }
    $response = wp_remote_get($url, array('timeout' => 3, 'redirection' => 2, 'headers' => array('Accept' => 'text/html')));
    if (!is_wp_error($response) && wp_remote_retrieve_response_code($response) === 200) {
        $html = cm_clean_fragment(wp_remote_retrieve_body($response));
        if ($s['cache_seconds'] > 0) {
            set_transient($transient, $html, $s['cache_seconds']);
        }
        update_option($key . '_lkg', $html, false);
        return $html;
    }
    $lkg = get_option($key . '_lkg', null);
    return is_string($lkg) ? $lkg : null;
}

/** A content element (news, FAQ, events) rendered on the server into the page. */
function cm_content($tag, $path, $atts, $params) {
    $locale = cm_locale(isset($atts['locale']) ? $atts['locale'] : '');
    if (cm_settings()['url'] === '') {
        return current_user_can('manage_options') ? '<p class="cm-notice">' . esc_html(cm_text('not_configured', $locale)) . '</p>' : '';
    }
    $args = array('locale' => $locale);
    foreach ($params as $name) {
        if (!empty($atts[$name])) {
            $args[$name] = sanitize_text_field((string) $atts[$name]);
        }
    }
    $html = cm_fragment($path, $args);
    if ($html === null) {
        return '<' . $tag . '><p class="cm-unavailable">' . esc_html(cm_text('unavailable', $locale)) . '</p></' . $tag . '>';
    }
    return '<' . $tag . ' data-rendered="" locale="' . esc_attr($locale) . '">' . $html . '</' . $tag . '>';
}

/** A transaction element: the custom element the loader turns into a frame, and a <noscript> link to the same page. */
function cm_frame($tag, $page, $query, $attrs, $label, $atts) {
    $s = cm_settings();
    $locale = cm_locale(isset($atts['locale']) ? $atts['locale'] : '');
    if ($s['url'] === '') {
        return current_user_can('manage_options') ? '<p class="cm-notice">' . esc_html(cm_text('not_configured', $locale)) . '</p>' : '';
    }
    wp_enqueue_script('customer-modules-loader');
    $href = add_query_arg(array_map('rawurlencode', array_merge($query, array('locale' => $locale))), $s['url'] . $page);
    $out = '<' . $tag . ' locale="' . esc_attr($locale) . '"';
    foreach ($attrs as $name => $value) {
        $out .= ' ' . $name . '="' . esc_attr($value) . '"';
    }
    $text = esc_html(cm_text($label, $locale));
    return $out . ' fallback-label="' . esc_attr(cm_text($label, $locale)) . '"><noscript><a class="cm-fallback" href="' . esc_url($href) . '" target="_blank" rel="noopener">' . $text . '</a></noscript></' . $tag . '>';
}

function cm_news($atts) {
    return cm_content('cm-news', '/store/cms/news', shortcode_atts(array('locale' => '', 'location_id' => ''), $atts, 'cm_news'), array('location_id'));
}
function cm_faq($atts) {
    return cm_content('cm-faq', '/store/cms/faq', shortcode_atts(array('locale' => '', 'category' => ''), $atts, 'cm_faq'), array('category'));
}
function cm_events($atts) {
    return cm_content('cm-events', '/store/events', shortcode_atts(array('locale' => ''), $atts, 'cm_events'), array());
}
function cm_booking($atts) {
    $atts = shortcode_atts(array('locale' => '', 'location' => ''), $atts, 'cm_booking');
    $location = sanitize_text_field((string) $atts['location']);
    return cm_frame('cm-booking', '/embed/booking', array('location_id' => $location), array('location' => $location), 'booking', $atts);
}
function cm_event_registration($atts) {
    $atts = shortcode_atts(array('locale' => '', 'event' => ''), $atts, 'cm_event');
    $event = sanitize_text_field((string) $atts['event']);
    return cm_frame('cm-event-registration', '/embed/events/' . rawurlencode($event), array(), array('event' => $event), 'event', $atts);
}
function cm_voucher_shop($atts) {
    $atts = shortcode_atts(array('locale' => ''), $atts, 'cm_voucher_shop');
    return cm_frame('cm-voucher-shop', '/embed/vouchers', array(), array(), 'vouchers', $atts);
}
function cm_top_up($atts) {
    $atts = shortcode_atts(array('locale' => ''), $atts, 'cm_top_up');
    return cm_frame('cm-top-up', '/embed/top-up', array(), array(), 'top_up', $atts);
}

const CM_ELEMENTS = array(
    'news' => 'cm_news',
    'faq' => 'cm_faq',
    'events' => 'cm_events',
    'booking' => 'cm_booking',
    'event' => 'cm_event_registration',
    'voucher_shop' => 'cm_voucher_shop',
    'top_up' => 'cm_top_up',
);

add_action('init', function () {
    foreach (CM_ELEMENTS as $name => $callback) {
        add_shortcode('cm_' . $name, $callback);
    }
    $s = cm_settings();
    if ($s['url'] !== '') {
        wp_register_script('customer-modules-loader', $s['url'] . '/embed/loader.js', array(), null, array('strategy' => 'async', 'in_footer' => true));
    }
    wp_register_script('customer-modules-blocks', plugins_url('blocks/editor.js', __FILE__), array('wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components', 'wp-server-side-render', 'wp-i18n'), CM_VERSION, true);
    foreach (array('news', 'faq', 'events', 'booking', 'voucher-shop', 'top-up') as $block) {
        register_block_type(__DIR__ . '/blocks/' . $block, array(
            'render_callback' => function ($attributes) use ($block) {
                $callback = CM_ELEMENTS[str_replace('-', '_', $block)];
                return call_user_func($callback, is_array($attributes) ? $attributes : array());
            },
        ));
    }
});

/**
 * Strict CSPs with nonces: the site hands its nonce to the filter
 * `customer_modules_csp_nonce` (add_filter('customer_modules_csp_nonce', fn () => $nonce))
 * and the loader's tag carries it. Nothing else of ours is a script in the page (the
 * JSON-LD blocks are data, which no CSP blocks) and nothing injects styles.
 */
add_filter('script_loader_tag', function ($tag, $handle) {
    if ($handle !== 'customer-modules-loader') {
        return $tag;
    }
    $nonce = (string) apply_filters('customer_modules_csp_nonce', '');
    if ($nonce === '' || strpos($tag, ' nonce=') !== false) {
        return $tag;
    }
    return preg_replace('/<script\b/', '<script nonce="' . esc_attr($nonce) . '"', $tag, 1);
}, 10, 2);

// ---- settings page ----

add_action('admin_menu', function () {
    add_options_page('Customer Modules', 'Customer Modules', 'manage_options', 'customer-modules', 'cm_settings_page');
});

add_action('admin_init', function () {
    register_setting('customer_modules', CM_OPTION, array(
        'type' => 'array',
        'sanitize_callback' => function ($input) {
            $input = is_array($input) ? $input : array();
            return array(
                'url' => untrailingslashit(esc_url_raw(isset($input['url']) ? trim((string) $input['url']) : '', array('https', 'http'))),
                'locale' => isset($input['locale']) && in_array($input['locale'], array('de', 'en', 'pt'), true) ? $input['locale'] : 'de',
                'cache_seconds' => isset($input['cache_seconds']) ? max(0, min(86400, (int) $input['cache_seconds'])) : 300,
            );
        },
    ));
});

/** The flush button: a new generation makes every cached fragment stale at once (the last-known-good copies stay). */
add_action('admin_post_customer_modules_flush', function () {
    if (!current_user_can('manage_options')) {
        wp_die('', '', array('response' => 403));
    }
    check_admin_referer('customer_modules_flush');
    update_option(CM_GENERATION, (int) get_option(CM_GENERATION, 0) + 1, true);
    wp_safe_redirect(add_query_arg(array('page' => 'customer-modules', 'flushed' => '1'), admin_url('options-general.php')));
    exit;
});

function cm_settings_page() {
    if (!current_user_can('manage_options')) {
        return;
    }
    $s = cm_settings();
    $raw = get_option(CM_OPTION, array());
    $locale = cm_site_locale();
    $t = array(
        'url' => array('de' => 'Server-Adresse', 'en' => 'Server address', 'pt' => 'Endereço do servidor'),
        'locked' => array('de' => 'festgelegt durch CUSTOMER_MODULES_URL in wp-config.php', 'en' => 'set by CUSTOMER_MODULES_URL in wp-config.php', 'pt' => 'definido por CUSTOMER_MODULES_URL em wp-config.php'),
        'locale' => array('de' => 'Sprache', 'en' => 'Language', 'pt' => 'Idioma'),
        'cache' => array('de' => 'Cache-Dauer (Sekunden)', 'en' => 'Cache lifetime (seconds)', 'pt' => 'Duração da cache (segundos)'),
        'flush' => array('de' => 'Cache leeren', 'en' => 'Flush cache', 'pt' => 'Limpar cache'),
        'flushed' => array('de' => 'Cache geleert.', 'en' => 'Cache flushed.', 'pt' => 'Cache limpa.'),
        'shortcodes' => array('de' => 'Shortcodes', 'en' => 'Shortcodes', 'pt' => 'Shortcodes'),
    );
    $tr = function ($k) use ($t, $locale) {
        return esc_html($t[$k][$locale]);
    };
    echo '<div class="wrap"><h1>Customer Modules</h1>';
    if (isset($_GET['flushed'])) {
        echo '<div class="notice notice-success"><p>' . $tr('flushed') . '</p></div>';
    }
    echo '<form method="post" action="options.php">';
    settings_fields('customer_modules');
    echo '<table class="form-table" role="presentation">';
    echo '<tr><th scope="row"><label for="cm-url">' . $tr('url') . '</label></th><td>';
    if (defined('CUSTOMER_MODULES_URL')) {
        echo '<code>' . esc_html($s['url']) . '</code> <span class="description">' . $tr('locked') . '</span>';
        echo '<input type="hidden" name="' . esc_attr(CM_OPTION) . '[url]" value="' . esc_attr(isset($raw['url']) ? $raw['url'] : '') . '">';
    } else {
        echo '<input type="url" class="regular-text" id="cm-url" name="' . esc_attr(CM_OPTION) . '[url]" value="' . esc_attr($s['url']) . '" placeholder="https://pos.example.com">';
    }
    echo '</td></tr>';
    echo '<tr><th scope="row"><label for="cm-locale">' . $tr('locale') . '</label></th><td><select id="cm-locale" name="' . esc_attr(CM_OPTION) . '[locale]">';
    foreach (array('de' => 'Deutsch', 'en' => 'English', 'pt' => 'Português') as $code => $name) {
        echo '<option value="' . esc_attr($code) . '"' . selected($s['locale'], $code, false) . '>' . esc_html($name) . '</option>';
    }
    echo '</select></td></tr>';
    echo '<tr><th scope="row"><label for="cm-cache">' . $tr('cache') . '</label></th><td><input type="number" min="0" max="86400" id="cm-cache" name="' . esc_attr(CM_OPTION) . '[cache_seconds]" value="' . esc_attr((string) $s['cache_seconds']) . '"></td></tr>';
    echo '</table>';
    submit_button();
    echo '</form>';
    echo '<form method="post" action="' . esc_url(admin_url('admin-post.php')) . '">';
    echo '<input type="hidden" name="action" value="customer_modules_flush">';
    wp_nonce_field('customer_modules_flush');
    submit_button($t['flush'][$locale], 'secondary', 'cm-flush');
    echo '</form>';
    echo '<h2>' . $tr('shortcodes') . '</h2><ul>';
    foreach (array('[cm_news]', '[cm_faq]', '[cm_events]', '[cm_booking location="…"]', '[cm_event event="…"]', '[cm_voucher_shop]', '[cm_top_up]') as $code) {
        echo '<li><code>' . esc_html($code) . '</code></li>';
    }
    echo '</ul></div>';
}
