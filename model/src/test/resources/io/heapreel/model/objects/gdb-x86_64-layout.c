#include <stddef.h>
#include <stdint.h>
typedef struct _mp_obj_type_t mp_obj_type_t;
typedef struct _mp_obj_base_t { const mp_obj_type_t *type; } mp_obj_base_t;
typedef void *mp_obj_t;
typedef struct _mp_map_t { size_t all_keys_are_qstrs : 1; size_t is_fixed : 1; size_t is_ordered : 1; size_t used : (8 * sizeof(size_t) - 3); size_t alloc; void *table; } mp_map_t;
typedef struct _mp_obj_dict_t { mp_obj_base_t base; mp_map_t map; } mp_obj_dict_t;
struct _mp_obj_type_t { mp_obj_base_t base; uint16_t flags; uint16_t name; uint8_t slot_index_make_new; void (*print)(int, mp_obj_t); const void *slots[]; };
typedef struct _mp_vfs_blockdev_t { uint16_t flags; size_t block_size; mp_obj_t readblocks[5]; union { mp_obj_t ioctl[4]; struct { mp_obj_t sync[2]; mp_obj_t count[2]; } old; } u; } mp_vfs_blockdev_t;
typedef struct _qstr_pool_t { const struct _qstr_pool_t *prev; size_t total_prev_len : (8 * sizeof(size_t) - 1); size_t is_sorted : 1; size_t alloc; size_t len; void *hashes; uint8_t *lengths; const char *qstrs[]; } qstr_pool_t;
mp_obj_dict_t d; mp_obj_type_t t; mp_vfs_blockdev_t b; qstr_pool_t q;
int main(void) { return 0; }
